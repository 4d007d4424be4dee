// The bar lives in an open shadow root on the platform's page (tests rely on that), so the page's own scripts can
// read it and click it. Whatever the bar does (tick, choose, start, resume) happens only for the user's own click
// or key: the browser marks those `isTrusted`, never an event a script made.

/** Runs `act` for an event the user made; an event a script made is stopped and changes nothing. */
export function byUser<E extends Event>(act: (event: E) => void): (event: E) => void {
  return (event) => {
    if (!event.isTrusted) {
      // A script's click on a checkbox has ticked it already: taking the default back unticks it.
      event.preventDefault();
      event.stopImmediatePropagation();
      return;
    }
    act(event);
  };
}
