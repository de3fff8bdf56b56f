/** Wires the scenario buttons to `POST /api/simulation` of the example API. */
export function bindSimulationButtons(): void {
  const status = document.getElementById('scenario-status') as HTMLElement;
  const push = async (scenario: 'normal' | 'referral-drop') => {
    try {
      const response = await fetch('/api/simulation', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scenario }),
      });
      status.textContent = response.ok
        ? `scenario: ${scenario}`
        : 'The API runs without --simulate, so the scenario cannot change.';
    } catch {
      status.textContent = 'The API is not reachable.';
    }
  };
  document.getElementById('scenario-drop')?.addEventListener('click', () => {
    void push('referral-drop');
  });
  document.getElementById('scenario-normal')?.addEventListener('click', () => {
    void push('normal');
  });
}
