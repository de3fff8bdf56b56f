import type { Channel } from '@4site/monitor-react';
import { type FormEvent, useState } from 'react';
import { submitLead } from './api';
import { newId } from './storage';

type Status = 'idle' | 'pending' | 'done' | { error: string };

/**
 * Renders the "Get early access" form. The e-mail goes to the API only, so no tracked event
 * carries it, and the API counts the lead with its id and source alone.
 */
export function LeadForm({ source }: { source: Channel }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [status, setStatus] = useState<Status>('idle');

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setStatus('pending');
    try {
      await submitLead({ leadId: newId(), email: email.trim(), name: name.trim(), source });
      setStatus('done');
    } catch (error) {
      setStatus({ error: (error as Error).message });
    }
  };

  if (status === 'done') {
    return (
      <section className="card">
        <h2>Get early access</h2>
        <p className="success" data-testid="lead-done" role="status">
          Thanks! We will write to you when early access opens.
        </p>
      </section>
    );
  }
  return (
    <form className="card" onSubmit={submit}>
      <h2>Get early access</h2>
      <label htmlFor="lead-email">E-mail</label>
      <input
        id="lead-email"
        data-testid="lead-email"
        type="email"
        required
        autoComplete="email"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <label htmlFor="lead-name">Name</label>
      <input
        id="lead-name"
        data-testid="lead-name"
        type="text"
        autoComplete="name"
        value={name}
        onChange={(event) => setName(event.target.value)}
      />
      <button data-testid="lead-submit" type="submit" disabled={status === 'pending'}>
        Get early access
      </button>
      {typeof status === 'object' && (
        <p className="error" data-testid="lead-error" role="alert">
          {status.error}
        </p>
      )}
    </form>
  );
}
