import Link from 'next/link'

export default function Home() {
  return (
    <main>
      <h1>authfront on Next.js</h1>
      <p>
        <Link href="/dashboard">Dashboard</Link> (protected) · <Link href="/auth">Sign in</Link>
      </p>
      <p>Seeded user: ada@example.com / password1</p>
    </main>
  )
}
