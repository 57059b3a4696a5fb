export interface WebhookDelivery {
  readonly url: string;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface WebhookDeliveryResult {
  readonly status: number | null;
  readonly error: string | null;
}

/** Posts one webhook the way providers do: JSON, no retries here (callers decide). */
export async function deliverWebhook(delivery: WebhookDelivery): Promise<WebhookDeliveryResult> {
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...delivery.headers },
      body: JSON.stringify(delivery.body),
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    return { status: response.status, error: null };
  } catch (error) {
    return { status: null, error: (error as Error).message };
  }
}
