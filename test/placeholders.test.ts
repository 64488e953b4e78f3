import { describe, expect, it } from 'vitest'
import { fillPlaceholders, findPlaceholders } from '../src/plan/placeholders.js'

const names = (text: string) => findPlaceholders(text).map((placeholder) => placeholder.name)
const fill = (text: string) => fillPlaceholders(text, (name) => ({ pid: '4242', ppid: '17', box: 'abc' })[name])

describe('findPlaceholders', () => {
  it('finds placeholders in code, with their offsets', () => {
    expect(findPlaceholders('ps aux | grep <ppid>')).toEqual([{ name: 'ppid', offset: 14, length: 6 }])
    expect(names('/proc/<pid>/ns')).toEqual(['pid'])
    expect(names('<box>')).toEqual(['box'])
    expect(names('echo x<pid>y && kill <ppid>; ls /proc/<pid>/ns | wc -l')).toEqual(['pid', 'ppid', 'pid'])
    expect(names('cat /proc/<pid>/status \\\n  | grep <field-name>')).toEqual(['pid', 'field-name'])
  })
  it('keeps the grammar: a name is a letter or `_`, then letters, digits, `_` or `-`', () => {
    expect(names('echo <_x> <a1> <my-var>')).toEqual(['_x', 'a1', 'my-var'])
    expect(names('echo </b> <3 <1a> < pid> <a b> <> <a.b> <br/> <-x>')).toEqual([])
  })
  it('does not mistake redirections for placeholders', () => {
    expect(names('cat <file')).toEqual([])
    expect(names('cat < file > out')).toEqual([])
    expect(names('wc -l <<< "$x"')).toEqual([])
    expect(names('cat <<<word>out')).toEqual([])
    expect(names('cat <<EOF>index.html')).toEqual([])
    expect(names('diff <(ls a) <(ls b)')).toEqual([])
  })
  it('reads quoted strings as text', () => {
    expect(names(`echo '<b>' "<pid>" $'<i>'`)).toEqual([])
    expect(names(`echo "<b>bold</b>" '<i>' <pid>`)).toEqual(['pid'])
    expect(names(`grep "it's <pid>" && echo <ppid>`)).toEqual(['ppid'])
  })
  it('reads escaped characters and comments as text', () => {
    expect(names('echo \\<not>')).toEqual([])
    expect(names('echo \\\\<pid>')).toEqual(['pid'])
    expect(names('ls /proc/<pid>/ns # the <ppid> of it')).toEqual(['pid'])
  })
  it('reads heredoc bodies as text, whatever their delimiter', () => {
    const page = 'cat > index.html <<EOF\n<html>\n<body><h1>Hello</h1></body>\n</html>\nEOF'
    expect(names(page)).toEqual([])
    expect(names("cat > index.html <<'EOF'\n<html>\nEOF")).toEqual([])
    expect(names('cat <<-EOF > a.html\n\t<html>\n\tEOF')).toEqual([])
    expect(names('cat <<A > a.html; cat <<B > b.html\n<a>\nA\n<b>\nB')).toEqual([])
  })
  it('still finds placeholders around heredocs: on the operator line and after the terminator', () => {
    const command = 'cat <<EOF > /tmp/<pid>.html\n<html><pid></html>\nEOF\nls /proc/<ppid>'
    expect(names(command)).toEqual(['pid', 'ppid'])
    expect(findPlaceholders(command).map((placeholder) => command.slice(placeholder.offset, placeholder.offset + placeholder.length))).toEqual(['<pid>', '<ppid>'])
  })
})

describe('fillPlaceholders', () => {
  it('fills placeholders it has values for and leaves the others as written', () => {
    expect(fill('ps aux | grep <ppid>')).toBe('ps aux | grep 17')
    expect(fill('kill <pid> <nope>')).toBe('kill 4242 <nope>')
    expect(fill('/proc/<pid>/ns# ')).toBe('/proc/4242/ns# ')
  })
  it('skips exactly the spans findPlaceholders skips, so what is shown is what runs', () => {
    expect(fill(`echo '<pid>' "<pid>" \\<pid> <pid>`)).toBe(`echo '<pid>' "<pid>" \\<pid> 4242`)
    const heredoc = 'cat > /tmp/<pid>.html <<EOF\n<p><pid></p>\nEOF\necho <ppid>'
    expect(fill(heredoc)).toBe('cat > /tmp/4242.html <<EOF\n<p><pid></p>\nEOF\necho 17')
  })
})
