// zod, set up once for the whole project: every schema module imports z from here, so this runs first.
// Without JIT: zod would compile each object schema's parser with `new Function` on its first parse,
// which costs more than it saves for a command that checks a lesson or two and exits.
import { z } from 'zod'

z.config({ jitless: true })

export { z }
