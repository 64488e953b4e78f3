// The locale of a lesson with no lesson.yaml, told from its prose.
import { describe, expect, it } from 'vitest'
import { guessLocale } from '../src/plan/guess-locale.js'

describe('the locale told from a lesson\'s prose', () => {
  it('tells languages apart on ordinary sentences', () => {
    expect(guessLocale('Lancez le conteneur, puis regardez ses processus depuis l\'hôte.')).toBe('fr')
    expect(guessLocale('Starte den Container und sieh dir die Prozesse auf dem Host an.')).toBe('de')
    expect(guessLocale('Konteyneri başlatın ve süreçlere ana makineden bakın.')).toBe('tr')
    expect(guessLocale('容器只是一个 Linux 进程。运行 `docker ps` 查看它。')).toBe('zh')
  })

  it('calls short English of shared roots English, and reads no code, not even a Copy-to-Editor block', () => {
    const lesson = [
      'Write a Dockerfile:',
      '',
      '<pre class="file" data-filename="Dockerfile" data-target="replace">FROM alpine',
      'RUN echo "built at $(date +%Y)" > /built',
      'CMD ["cat", "/built"]',
      '</pre>',
      '',
      'Build it: `docker build -t myimg .`{{execute}}',
      '',
      'Start a shell container: `docker run -it --name sh1 alpine`{{execute}}',
      '',
      'Detach from it with <kbd>Ctrl</kbd>+<kbd>P</kbd> <kbd>Ctrl</kbd>+<kbd>Q</kbd>. It still runs.',
    ].join('\n')
    expect(guessLocale(lesson)).toBe('en')
    expect(guessLocale('`ls`{{execute}}')).toBe('en')
  })
})
