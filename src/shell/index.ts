// Reading shell commands as a shell would, shared by the stages: which spans are text (quotes,
// comments, heredoc bodies), the words of each simple command, and whether a command is complete
// (its quotes, heredocs and compound commands closed).
export { commandIsOpen, shellTextSpans, type HeredocSpan, type PlainTextSpan, type TextSpan } from './shell-text.js'
export { programWords, simpleCommands, type HeredocBody, type Redirect, type ShellWord, type SimpleCommand } from './shell-words.js'
export { compoundIsOpen } from './compound-commands.js'
