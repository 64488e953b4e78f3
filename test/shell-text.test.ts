import { describe, expect, it } from 'vitest'
import { commandIsOpen, compoundIsOpen, shellTextSpans, type TextSpan } from '../src/shell/index.js'

/** Each span as `kind:text it covers`, which reads better than offsets. */
const spans = (command: string): string[] => shellTextSpans(command).map((span) => `${span.kind}:${command.slice(span.start, span.end)}`)
const heredocs = (command: string) =>
  shellTextSpans(command)
    .filter((span): span is Extract<TextSpan, { kind: 'heredoc' }> => span.kind === 'heredoc')
    .map((span) => ({ delimiter: span.delimiter, body: command.slice(span.start, span.bodyEnd), operator: command.slice(span.operator, span.operator + 2) }))

describe('shellTextSpans: quotes and escapes', () => {
  it('finds nothing in plain code', () => {
    expect(spans('ps aux | grep <ppid>')).toEqual([])
    expect(spans('')).toEqual([])
  })
  it('finds single-, double- and ANSI-C-quoted strings, quotes included', () => {
    expect(spans(`echo '<b>' "<i>" $'<u>\\n'`)).toEqual([`single-quoted:'<b>'`, `double-quoted:"<i>"`, `ansi-c-quoted:$'<u>\\n'`])
  })
  it('keeps a backslash-escaped quote inside double quotes, never inside single quotes', () => {
    expect(spans(`echo "a \\" b" c`)).toEqual([`double-quoted:"a \\" b"`])
    expect(spans(`echo 'a \\' b`)).toEqual([`single-quoted:'a \\'`])
  })
  it('reads each quote kind inside the other as text', () => {
    expect(spans(`echo "it's" 'say "hi"'`)).toEqual([`double-quoted:"it's"`, `single-quoted:'say "hi"'`])
  })
  it('runs an unterminated quote to the end', () => {
    expect(spans(`echo "open <pid>`)).toEqual([`double-quoted:"open <pid>`])
    expect(spans(`echo 'open`)).toEqual([`single-quoted:'open`])
  })
  it('marks escaped characters, including a line continuation', () => {
    expect(spans('echo \\<not> \\\nnext')).toEqual(['escaped:\\<', 'escaped:\\\n'])
    expect(spans('echo \\\\')).toEqual(['escaped:\\\\'])
  })
  it('spans quoted strings over several lines', () => {
    expect(spans(`echo "one\n<two>" done`)).toEqual([`double-quoted:"one\n<two>"`])
  })
})

describe('shellTextSpans: comments', () => {
  it('finds a comment only where a word starts', () => {
    expect(spans('ls /proc # the <pid> of db')).toEqual(['comment:# the <pid> of db'])
    expect(spans('# only a comment')).toEqual(['comment:# only a comment'])
    expect(spans('echo a#b ${#x} $#')).toEqual([])
  })
  it('ends a comment at the end of its line, and quotes in it open nothing', () => {
    expect(spans("ls # don't\necho '<b>'")).toEqual(["comment:# don't", "single-quoted:'<b>'"])
  })
})

describe('shellTextSpans: heredocs', () => {
  it('spans the body of `<<EOF` up to its terminator line', () => {
    const command = 'cat > index.html <<EOF\n<html>\n<body><pid></body>\nEOF'
    expect(spans(command)).toEqual(['heredoc:<html>\n<body><pid></body>\nEOF'])
    expect(heredocs(command)).toEqual([{ delimiter: 'EOF', body: '<html>\n<body><pid></body>\n', operator: '<<' }])
  })
  it('reads quoted and escaped delimiters without their quotes', () => {
    expect(heredocs("cat <<'EOF'\n<b>\nEOF")).toEqual([{ delimiter: 'EOF', body: '<b>\n', operator: '<<' }])
    expect(heredocs('cat <<"END"\n<b>\nEND')).toEqual([{ delimiter: 'END', body: '<b>\n', operator: '<<' }])
    expect(heredocs('cat <<\\EOF\n<b>\nEOF')).toEqual([{ delimiter: 'EOF', body: '<b>\n', operator: '<<' }])
    expect(heredocs("cat << 'E O F'\nx\nE O F")).toEqual([{ delimiter: 'E O F', body: 'x\n', operator: '<<' }])
    expect(heredocs("cat <<E'O'F\nx\nEOF")).toEqual([{ delimiter: 'EOF', body: 'x\n', operator: '<<' }])
  })
  it('lets `<<-` indent its terminator with tabs, and only `<<-`', () => {
    expect(heredocs('cat <<-EOF\n\t<b>\n\tEOF\necho after')).toEqual([{ delimiter: 'EOF', body: '\t<b>\n', operator: '<<' }])
    expect(heredocs('cat <<EOF\n\t<b>\n\tEOF\nEOF')).toEqual([{ delimiter: 'EOF', body: '\t<b>\n\tEOF\n', operator: '<<' }])
  })
  it('needs the terminator alone on its line', () => {
    expect(heredocs('cat <<EOF\nEOF is near\n EOF\nEOF')[0]!.body).toBe('EOF is near\n EOF\n')
  })
  it('reads several heredocs of one line one after the other', () => {
    const command = 'cat <<A >a.html && cat <<B >b.html\n<a>\nA\n<b>\nB\necho <done>'
    expect(heredocs(command)).toEqual([
      { delimiter: 'A', body: '<a>\n', operator: '<<' },
      { delimiter: 'B', body: '<b>\n', operator: '<<' },
    ])
    expect(shellTextSpans(command).every((span) => span.end <= command.indexOf('<done>'))).toBe(true)
  })
  it('reads heredocs of successive lines', () => {
    const command = 'cat <<A\n1\nA\ncat <<B\n2\nB'
    expect(heredocs(command).map((h) => h.body)).toEqual(['1\n', '2\n'])
  })
  it('starts the body after the line, even when the line goes on after the operator', () => {
    const command = 'cat <<EOF | tee "out file" # keep\n<b>\nEOF'
    expect(spans(command)).toEqual(['double-quoted:"out file"', 'comment:# keep', 'heredoc:<b>\nEOF'])
  })
  it('starts the body after a continued line, not at its escaped newline', () => {
    expect(heredocs('cat <<EOF \\\n > out\n<b>\nEOF')).toEqual([{ delimiter: 'EOF', body: '<b>\n', operator: '<<' }])
  })
  it('runs a body with no terminator to the end', () => {
    const command = 'cat <<EOF\n<b>\nno end'
    expect(spans(command)).toEqual(['heredoc:<b>\nno end'])
    expect(shellTextSpans(command)[0]).toMatchObject({ bodyEnd: command.length, end: command.length })
  })
  it('reads quotes in a body as text', () => {
    expect(spans(`cat <<EOF\nit's "<b>"\nEOF\necho '<i>'`)).toEqual([`heredoc:it's "<b>"\nEOF`, `single-quoted:'<i>'`])
  })
  it('has no body before a newline comes', () => {
    expect(spans('cat <<EOF>index.html')).toEqual([])
  })
  it('keeps a glued redirection out of the delimiter', () => {
    expect(heredocs('cat <<EOF>index.html\n<html>\nEOF')).toEqual([{ delimiter: 'EOF', body: '<html>\n', operator: '<<' }])
  })
  it('does not read a here-string, an input redirection or a shift as a heredoc', () => {
    expect(spans('cat <<< "<b>"\n<next>')).toEqual(['double-quoted:"<b>"'])
    expect(spans('cat <<<word\n<next>')).toEqual([])
    expect(spans('cat <file\n<next>')).toEqual([])
    expect(spans('echo $((1<<4))\n<next>')).toEqual([])
    expect(spans('(( x = 1 << 2 ))\n<next>')).toEqual([])
    expect(spans('echo $(( (1+1) << 2 )) && cat <<EOF\n<b>\nEOF')).toEqual(['heredoc:<b>\nEOF'])
  })
  it('ignores `<<` with no word after it', () => {
    expect(spans('cat <<\n<b>')).toEqual([])
  })
  it('reads a heredoc inside a command substitution', () => {
    expect(heredocs('x=$(cat <<EOF\n<b>\nEOF\n)')).toEqual([{ delimiter: 'EOF', body: '<b>\n', operator: '<<' }])
  })
  it('reads a `<<` inside quotes or comments as text', () => {
    expect(spans(`echo "<<EOF"\n<b>`)).toEqual([`double-quoted:"<<EOF"`])
    expect(spans('# cat <<EOF\n<b>')).toEqual(['comment:# cat <<EOF'])
  })
})

describe('commandIsOpen', () => {
  it('says a command is whole when a shell would run it', () => {
    for (const whole of ['echo hi', "echo 'a b'", 'echo "x"', "echo $'\\n'", 'cat <<EOF\nhi\nEOF', 'cat <<-EOF\n\thi\n\tEOF', 'echo a\\\\', 'echo # it\'s a comment', 'cat <<<"word"']) {
      expect(commandIsOpen(whole), whole).toBe(false)
    }
  })

  it('says it is open while a quote, a heredoc or a backslash waits for more lines', () => {
    for (const open of ["echo 'a", 'echo "a', 'cat <<EOF', 'cat <<EOF\n<html>', "cat > f <<'END'\nline\nEN", 'echo a \\']) {
      expect(commandIsOpen(open), open).toBe(true)
    }
  })
})

describe('compoundIsOpen', () => {
  it('says a loop, an if, a case or a brace group is open until its closing word', () => {
    for (const open of ['for i in 1 2 3; do', 'for i in 1 2 3; do\n  echo "line $i"', 'while true; do', 'if [ -f x ]; then', 'if a; then b; else', 'case $x in', 'f() {', 'until false\ndo', 'for f in *; do if [ -d "$f" ]; then echo "$f"; fi']) {
      expect(compoundIsOpen(open), open).toBe(true)
    }
  })

  it('says it is closed once the word comes, and reads quoted or argument words as words', () => {
    for (const closed of ['for i in 1 2 3; do\n  echo "line $i"\ndone', 'while true; do date; sleep 1; done', 'if [ -f x ]; then echo y; fi', 'case $x in a) echo a;; esac', '{ echo a; echo b; }', 'f() {\n  echo hi\n}', 'echo do for if', 'echo "for"', '"while" true', 'grep done log.txt', 'ls']) {
      expect(compoundIsOpen(closed), closed).toBe(false)
    }
  })
})
