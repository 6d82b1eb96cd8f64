using MicroSpa.Data;
using MicroSpa.Web.Infrastructure.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;

namespace MicroSpa.Web.Features.Payments;

/// <summary>
/// A webhook from Stripe: believed only when its Stripe-Signature verifies with the endpoint's secret (Stripe.net's
/// EventUtility: HMAC of the timestamp and the exact body, at most five minutes old), then recorded by its event id so
/// that a second delivery of the same event changes nothing. What each event means for bookings and the ledger is
/// acted on from the record (issue 18, the deposit and fee slices).
/// </summary>
public static class ReceiveStripeEvent
{
    public enum Result
    {
        /// <summary>No webhook secret is configured: the clinic takes no online payment.</summary>
        NotConfigured,

        /// <summary>Not signed by Stripe with this endpoint's secret, altered, or too old to be believed.</summary>
        BadSignature,

        Recorded,

        /// <summary>Delivered before (Stripe delivers at least once): nothing changes.</summary>
        AlreadyRecorded,

        /// <summary>Acting on it failed (the database was away, a call to Stripe timed out): nothing was kept, Stripe sends it again.</summary>
        Failed,
    }

    public sealed class Handler(
        MicroSpaDbContext db, IOptions<StripeOptions> options, IEnumerable<IStripeEventAction> actions, TimeProvider clock, ILogger<Handler> logger)
    {
        public async Task<Result> HandleAsync(string payload, string? signature, CancellationToken cancellationToken)
        {
            if (options.Value is not { ReceivesWebhooks: true, WebhookSecret: { } secret })
            {
                return Result.NotConfigured;
            }

            Event verified;
            try
            {
                // The clinic's endpoint may be on another API version than this library's: the event is still believed
                // (its id, type and object are read the same way); the fields acted on are checked where they are used.
                verified = EventUtility.ConstructEvent(payload, signature ?? string.Empty, secret, throwOnApiVersionMismatch: false);
            }
            catch (Exception e) when (e is StripeException or System.Text.Json.JsonException or Newtonsoft.Json.JsonException or FormatException or OverflowException or ArgumentException)
            {
                // Stripe.net refuses a bad signature with StripeException, a header it cannot read or a body that is not an
                // event with the others: nothing of it is believed.
                return Result.BadSignature;
            }

            if (string.IsNullOrEmpty(verified.Id))
            {
                return Result.BadSignature;
            }

            var objectId = (verified.Data?.Object as IHasId)?.Id;
            var now = clock.GetUtcNow();
            var acting = actions.Where(a => a.Types.Contains(verified.Type)).ToList();
            try
            {
                return await db.InTransactionAsync(
                    async ct =>
                    {
                        // Two deliveries at once: the primary key takes one of them, the other waits for it and finds it.
                        var inserted = await db.Database.ExecuteSqlAsync($"""
                            INSERT INTO payment_events (id, type, object_id, created_at, payload, received_at)
                            VALUES ({verified.Id}, {Truncate(verified.Type, Domain.Payments.PaymentEvent.TypeLength)}, {objectId}, {new DateTimeOffset(verified.Created, TimeSpan.Zero)}, CAST({payload} AS jsonb), {now})
                            ON CONFLICT (id) DO NOTHING
                            """, ct);
                        if (inserted != 1)
                        {
                            return Result.AlreadyRecorded;
                        }

                        foreach (var action in acting)
                        {
                            await action.ActAsync(verified, ct);
                        }

                        return Result.Recorded;
                    },
                    null,
                    cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The event's id and type only: its object may name a client.
                logger.LogError(e, "Stripe event {EventId} ({EventType}) could not be acted on; Stripe will send it again", verified.Id, verified.Type);
                return Result.Failed;
            }
        }

        private static string Truncate(string? value, int length) => value is null ? string.Empty : value.Length > length ? value[..length] : value;
    }
}
