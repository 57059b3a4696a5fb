// The leads one import carries, as the API takes them (LeadCreateInput): every field filled, as a
// CRM export would, with canonical addresses so the API and the plain INSERT store the same text.

export interface BenchLead {
  readonly email: string;
  readonly first_name: string;
  readonly last_name: string;
  readonly company: string;
  readonly title: string;
  readonly phone: string;
  readonly linkedin_url: string;
  readonly custom_fields: Readonly<Record<string, string>>;
}

/** `count` distinct leads; `batch` makes the addresses unique to one run (a provider keeps every lead it saw). */
export function benchLeads(batch: string, count: number): BenchLead[] {
  return Array.from({ length: count }, (_, index) => {
    const n = index + 1;
    return {
      email: `lead-${n}@${batch}.bench-leads.example.com`,
      first_name: `First${n}`,
      last_name: `Last${n}`,
      company: `Prospect Company ${n % 997}`,
      title: 'Head of Sales',
      phone: `+1555${String(n).padStart(7, '0')}`,
      linkedin_url: `https://www.linkedin.com/in/bench-lead-${n}`,
      custom_fields: { segment: n % 2 === 0 ? 'enterprise' : 'mid-market', source: 'bench', rank: String(n) },
    };
  });
}
