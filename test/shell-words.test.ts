import { describe, expect, it } from 'vitest'
import { programWords, simpleCommands } from '../src/shell/index.js'

/** Each simple command as its words' texts. */
const words = (command: string) => simpleCommands(command).map((simple) => simple.words.map((word) => word.text))

describe('simpleCommands', () => {
  it('splits at control operators and newlines', () => {
    expect(words('docker pull a && docker run b || echo no; ls | wc -l & sleep 1\nid')).toEqual([
      ['docker', 'pull', 'a'], ['docker', 'run', 'b'], ['echo', 'no'], ['ls'], ['wc', '-l'], ['sleep', '1'], ['id'],
    ])
    expect(words('(cd app && make)')).toEqual([['cd', 'app'], ['make']])
  })
  it('removes quotes and keeps where each word starts', () => {
    const [simple] = simpleCommands(`echo "a b" 'c d' e\\ f $'g' x"y"z`)
    expect(simple!.words.map((word) => word.text)).toEqual(['echo', 'a b', 'c d', 'e f', 'g', 'xyz'])
    expect(simple!.words.map((word) => word.offset)).toEqual([0, 5, 11, 17, 22, 27])
  })
  it('unescapes inside double quotes only what the shell does', () => {
    expect(words(`echo "\\$HOME \\"q\\" \\n"`)).toEqual([['echo', '$HOME "q" \\n']])
  })
  it('joins backslash-continued lines without making empty words', () => {
    expect(words('docker run \\\n  -d \\\n  redis')).toEqual([['docker', 'run', '-d', 'redis']])
    expect(words('doc\\\nker ps')).toEqual([['docker', 'ps']])
  })
  it('drops comments', () => {
    expect(words('docker pull a # then b\ndocker pull b')).toEqual([['docker', 'pull', 'a'], ['docker', 'pull', 'b']])
  })
  it('keeps redirections apart from the words, with their targets', () => {
    const [simple] = simpleCommands('docker run redis > out.txt 2>&1 <in &>/dev/null')
    expect(simple!.words.map((word) => word.text)).toEqual(['docker', 'run', 'redis'])
    expect(simple!.redirects.map((redirect) => `${redirect.operator} ${redirect.target?.text}`)).toEqual(['> out.txt', '>& 1', '< in', '&> /dev/null'])
  })
  it('keeps a number that is not glued to a redirection as a word', () => {
    expect(words('sleep 2 >/dev/null')).toEqual([['sleep', '2']])
  })
  it('attaches heredoc bodies to the command that opened them, in order', () => {
    const commands = simpleCommands('cat <<A > a.txt && cat <<-B | tee b.txt\none\nA\n\ttwo\n\tB\necho done')
    expect(commands.map((simple) => simple.words.map((word) => word.text))).toEqual([['cat'], ['cat'], ['tee', 'b.txt'], ['echo', 'done']])
    expect(commands.map((simple) => simple.heredocs.map((body) => body.text))).toEqual([['one\n'], ['\ttwo\n'], [], []])
    expect(commands.map((simple) => simple.pipesInto)).toEqual([false, true, false, false])
    expect(commands[0]!.redirects.map((redirect) => `${redirect.operator} ${redirect.target?.text}`)).toEqual(['<< A', '> a.txt'])
  })
  it('gives heredoc bodies their offset in the command', () => {
    const command = 'cat > Dockerfile <<EOF\nFROM alpine\nEOF'
    const [simple] = simpleCommands(command)
    expect(command.slice(simple!.heredocs[0]!.offset)).toBe('FROM alpine\nEOF')
  })
  it('reads the commands inside `$( … )` and backticks too, after the one holding them', () => {
    const command = 'id=$(docker run -d "redis:7") && echo `docker pull busybox`'
    const commands = simpleCommands(command)
    expect(commands.map((simple) => simple.words.map((word) => word.text))).toEqual([
      ['id=$(docker run -d "redis:7")'], ['echo', '`docker pull busybox`'], ['docker', 'run', '-d', 'redis:7'], ['docker', 'pull', 'busybox'],
    ])
    expect(command.slice(commands[2]!.words[3]!.offset)).toMatch(/^"redis:7"/)
    expect(command.slice(commands[3]!.words[2]!.offset)).toMatch(/^busybox`/)
  })
  it('reads substitutions a few levels deep, not thousands', () => {
    expect(words('a=$(b $(docker pull x))').at(-1)).toEqual(['docker', 'pull', 'x'])
    expect(simpleCommands('$('.repeat(5000)).length).toBeLessThan(10)
  })
  it('does not read arithmetic as a command', () => {
    expect(words('echo $((1 << 2))')).toEqual([['echo', '$((1 << 2))']])
  })
  it('returns nothing for blank text', () => {
    expect(simpleCommands('  \n\t')).toEqual([])
  })
})

describe('programWords', () => {
  const program = (command: string) => programWords(simpleCommands(command)[0]!.words).map((word) => word.text)
  it('skips what runs a command without being it', () => {
    expect(program('sudo docker ps')).toEqual(['docker', 'ps'])
    expect(program('sudo -E -u root docker ps')).toEqual(['docker', 'ps'])
    expect(program('DOCKER_HOST=x FOO=1 docker ps')).toEqual(['docker', 'ps'])
    expect(program('time env -u X A=1 nohup nice -n 5 docker ps')).toEqual(['docker', 'ps'])
    expect(program('timeout -s KILL 10s docker ps')).toEqual(['docker', 'ps'])
    expect(program('then docker ps')).toEqual(['docker', 'ps'])
  })
  it('keeps a plain command as it is', () => {
    expect(program('docker ps')).toEqual(['docker', 'ps'])
    expect(program('ls -l')).toEqual(['ls', '-l'])
  })
})
