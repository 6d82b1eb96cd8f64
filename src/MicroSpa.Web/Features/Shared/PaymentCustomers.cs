using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// The client's customer at Stripe (cus_…), made the first time it is needed and kept in payment_customers, so all the
/// client's cards and online payments sit under one customer. Making it twice at once (two tabs) makes one: the call
/// carries the client's id as its idempotency key and the first row kept wins.
/// </summary>
public sealed class PaymentCustomers(MicroSpaDbContext db, IStripeClient stripe, TimeProvider clock)
{
    /// <summary>The client's customer id, if one was made.</summary>
    public Task<string?> FindAsync(Guid clientId, CancellationToken cancellationToken) =>
        db.PaymentCustomers.AsNoTracking().Where(c => c.ClientId == clientId).Select(c => c.CustomerId).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The client's customer id, made at Stripe now if there is none yet.</summary>
    public async Task<string> ForClientAsync(Guid clientId, CancellationToken cancellationToken)
    {
        if (await FindAsync(clientId, cancellationToken) is { } existing)
        {
            return existing;
        }

        var client = await db.Clients.AsNoTracking().Where(c => c.Id == clientId)
            .Select(c => new { c.FirstName, c.LastName, c.Email }).SingleAsync(cancellationToken);
        var customer = await new CustomerService(stripe).CreateAsync(
            new CustomerCreateOptions
            {
                // Stripe sends its own receipts and the hosted page fills the email from the customer.
                Email = client.Email,
                Name = $"{client.FirstName} {client.LastName}".Trim(),
                Metadata = new Dictionary<string, string> { ["microspa_client_id"] = clientId.ToString() },
            },
            new RequestOptions { IdempotencyKey = $"microspa-customer-{clientId}" },
            cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO payment_customers (client_id, customer_id, created_at) VALUES ({clientId}, {customer.Id}, {clock.GetUtcNow()})
            ON CONFLICT (client_id) DO NOTHING
            """, cancellationToken);
        return (await FindAsync(clientId, cancellationToken))!;
    }
}
