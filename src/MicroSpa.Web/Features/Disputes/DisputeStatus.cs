using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace MicroSpa.Web.Features.Disputes;

/// <summary>
/// Where a dispute stands, as Stripe last said: the dispute in the newest of its events kept in payment_events
/// (charge.dispute.created, .updated, .closed, .funds_withdrawn, …, all about the dp_ id), read with Stripe.net's own
/// types. Nothing is kept besides the events themselves: they are the insert-only facts, in any order of arrival
/// (the newest by Stripe's creation time wins).
/// </summary>
public static class DisputeStatus
{
    /// <summary>Stripe's status and the evidence deadline it gave, if any.</summary>
    public sealed record Latest(string Status, DateTimeOffset? DueBy, DateTimeOffset At)
    {
        public string Words => Describe(Status);

        /// <summary>Stripe still takes evidence.</summary>
        public bool NeedsResponse => Status is "needs_response" or "warning_needs_response";
    }

    /// <summary>The latest status of each dispute named (none for one whose events carry no dispute).</summary>
    public static async Task<IReadOnlyDictionary<string, Latest>> ReadAsync(MicroSpaDbContext db, IReadOnlyCollection<string> disputeIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var events = await db.PaymentEvents.AsNoTracking()
            .Where(e => e.ObjectId != null && disputeIds.Contains(e.ObjectId) && EF.Functions.Like(e.Type, "charge.dispute.%"))
            .Select(e => new { e.ObjectId, e.CreatedAt, e.ReceivedAt, e.Payload })
            .ToListAsync(cancellationToken);
        var latest = new Dictionary<string, Latest>(StringComparer.Ordinal);
        foreach (var group in events.GroupBy(e => e.ObjectId!))
        {
            foreach (var e in group.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.ReceivedAt))
            {
                if (Parse(e.Payload) is { Status: { Length: > 0 } status } dispute)
                {
                    latest[group.Key] = new Latest(status, DueBy(dispute), e.CreatedAt);
                    break;
                }
            }
        }

        return latest;
    }

    public static DateTimeOffset? DueBy(Dispute dispute) =>
        dispute?.EvidenceDetails?.DueBy is { } due && due != default ? new DateTimeOffset(DateTime.SpecifyKind(due, DateTimeKind.Utc)) : null;

    /// <summary>Stripe's dispute statuses in the Admin's words.</summary>
    public static string Describe(string status) => status switch
    {
        "needs_response" => "Needs your response",
        "warning_needs_response" => "Inquiry: needs your response",
        "under_review" => "Evidence sent, under review",
        "warning_under_review" => "Inquiry under review",
        "warning_closed" => "Inquiry closed",
        "won" => "Won: the money stays with the clinic",
        "lost" => "Lost: the money went back to the client's bank",
        "prevented" => "Prevented",
        _ => status,
    };

    /// <summary>The bank's reason in plain words.</summary>
    public static string Reason(string reason) => reason switch
    {
        "fraudulent" => "the card holder says they did not make it (fraudulent)",
        "product_not_received" => "service not received",
        "product_unacceptable" => "service unacceptable",
        "duplicate" => "charged twice",
        "subscription_canceled" => "cancelled",
        "credit_not_processed" => "refund not received",
        "unrecognized" => "not recognised",
        "general" => "general",
        _ => reason.Replace('_', ' '),
    };

    /// <summary>The dispute's status in one event's payload; null when it carries no dispute.</summary>
    public static string? StatusIn(string payload) => Parse(payload)?.Status is { Length: > 0 } status ? status : null;

    private static Dispute? Parse(string payload)
    {
        try
        {
            return EventUtility.ParseEvent(payload, throwOnApiVersionMismatch: false).Data?.Object as Dispute;
        }
        catch (Exception e) when (e is StripeException or System.Text.Json.JsonException or Newtonsoft.Json.JsonException or ArgumentException or FormatException)
        {
            return null;
        }
    }
}
