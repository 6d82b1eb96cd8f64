using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Disputes;

/// <summary>
/// The Admin's disputes, newest first: when each was opened, the amount, the bank's reason, the client and the
/// appointment (from the online payment it was taken for, found again by its charge or payment intent when the
/// dispute came before the payment was known), where it stands and until when Stripe takes evidence.
/// </summary>
public static class DisputeList
{
    public const int PageSize = 200;

    public sealed record Line(
        string Id, DateTime LocalOpened, decimal Amount, string Currency, string Reason, Guid? ClientId, string? Client, Guid? AppointmentId,
        string? Appointment, string Status, bool NeedsResponse, DateTime? LocalDueBy);

    public sealed class Handler(MicroSpaDbContext db, ClinicTimeZone zone, Infrastructure.ClinicMoney money)
    {
        public async Task<IReadOnlyList<Line>> HandleAsync(CancellationToken cancellationToken)
        {
            var rows = await db.PaymentDisputes.AsNoTracking().OrderByDescending(d => d.OpenedAt).Take(PageSize).ToListAsync(cancellationToken);
            var parties = await DisputeParties.ReadAsync(db, zone, money.Culture, rows, cancellationToken);
            var status = await DisputeStatus.ReadAsync(db, [.. rows.Select(r => r.Id)], cancellationToken);
            return [.. rows.Select(r =>
            {
                var latest = status.GetValueOrDefault(r.Id);
                var party = parties[r.Id];
                return new Line(
                    r.Id, zone.ToLocal(r.OpenedAt), r.Amount, r.Currency, DisputeStatus.Reason(r.Reason), party.ClientId, party.Client, party.AppointmentId,
                    party.Appointment, latest?.Words ?? DisputeStatus.Describe("needs_response"), latest?.NeedsResponse ?? true,
                    latest?.DueBy is { } due ? zone.ToLocal(due) : null);
            })];
        }
    }
}
