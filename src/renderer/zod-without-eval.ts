import { z } from 'zod';

/**
 * Imported first by each page's entry. zod 4 compiles object parsers with `new Function`
 * when it can, and finds out whether it can by trying: under the app's CSP (no
 * 'unsafe-eval') that probe is refused and reported as a CSP violation on every start.
 * jitless parses the same way without compiling, so nothing asks for eval at all.
 */
z.config({ jitless: true });
