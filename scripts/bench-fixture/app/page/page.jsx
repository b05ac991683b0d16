import { headers } from 'next/headers';

/**
 * The yardstick for a server-rendered page: dynamic (it reads the request's headers, as the
 * dashboard's pages do for the session and the CSP nonce), about the size of the login page.
 */
export default async function Page() {
  const agent = (await headers()).get('user-agent') ?? 'unknown';
  const fields = ['Email', 'Password'];
  return (
    <main className="login">
      <nav aria-label="Language">
        <a href="?lang=en">English</a> · <a href="?lang=pt-BR">Português</a>
      </nav>
      <div className="card">
        <h1>Sign in to the fixture</h1>
        <p>A page with a form, a heading and a few paragraphs, rendered on each request for {agent.length} characters of agent.</p>
        <form method="post" action="/api/ping">
          {fields.map((field) => (
            <label key={field}>
              {field}
              <input name={field.toLowerCase()} type={field === 'Password' ? 'password' : 'email'} required />
            </label>
          ))}
          <button type="submit">Sign in</button>
        </form>
        <p>Signing in keeps you signed in for a working day on this device.</p>
      </div>
    </main>
  );
}
