import { transition } from './delivery-status';

describe('delivery status machine', () => {
  it('moves forward only', () => {
    expect(transition('sent', 'delivered', false)).toEqual({ status: 'delivered', counter: 'delivered' });
    expect(transition('delivered', 'open', false)).toEqual({ status: 'opened', counter: 'opened' });
    expect(transition('opened', 'delivered', true)).toEqual({ status: null, counter: null });
    expect(transition('sent', 'click', false).status).toBe('clicked');
  });

  it('counts a repeated open once, and failures win over delivery', () => {
    expect(transition('opened', 'open', true)).toEqual({ status: null, counter: null });
    expect(transition('delivered', 'bounce', false).status).toBe('bounced');
    expect(transition('deferred', 'dropped', false).status).toBe('dropped');
    expect(transition('bounced', 'open', false).status).toBeNull();
  });
});
