/**
 * The first stop of the Tab key: jumps past the navigation rail and the top bar to the
 * page's content. Hidden until focused. It moves focus itself instead of following its
 * href, because the console's routes live in the URL's hash and `#main-content` would
 * read as a route.
 */
export function SkipLink({ target }: { target: string }) {
  return (
    <a
      className="skip-link"
      href={`#${target}`}
      onClick={(e) => {
        e.preventDefault();
        document.getElementById(target)?.focus();
      }}
    >
      Skip to main content
    </a>
  );
}
