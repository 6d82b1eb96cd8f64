using System.Globalization;
using MicroSpa.Data;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.ClientMerge;

/// <summary>
/// What stops two client records being merged, in the desk's words: a sign-in on both (a merged record keeps one and
/// MicroSpa will not choose which of a person's logins to end), a customer at the payment provider on both (their saved
/// cards sit under one customer), a chart still open as a draft on either (its signature would land on a moved visit),
/// and booked visits of the two at the same time (one person cannot be in two rooms).
/// </summary>
public static class MergeBlockers
{
    public const string BothPortalAccounts =
        "Both records have a portal account (a sign-in). A merged record keeps one, and MicroSpa does not choose which of the client's logins ends: keep the records apart. Nothing was changed.";

    public const string BothPaymentCustomers =
        "Both records have cards or payments at the payment provider under a customer of their own; a merged record keeps one. Nothing was changed.";

    public static readonly AppointmentStatus[] Active = [AppointmentStatus.Booked, AppointmentStatus.CheckedIn, AppointmentStatus.InTreatment, AppointmentStatus.Held];

    public static async Task<IReadOnlyList<string>> FindAsync(MicroSpaDbContext db, Client first, Client second, ClinicTimeZone zone, CancellationToken cancellationToken)
    {
        var found = new List<string>();
        if ((first.UserId ?? first.PendingUserId) is not null && (second.UserId ?? second.PendingUserId) is not null)
        {
            found.Add(BothPortalAccounts);
        }

        var ids = new[] { first.Id, second.Id };
        if (await db.PaymentCustomers.CountAsync(c => ids.Contains(c.ClientId), cancellationToken) == 2)
        {
            found.Add(BothPaymentCustomers);
        }

        var drafts = await db.TreatmentRecords.Where(r => ids.Contains(r.ClientId) && r.Status == ChartStatus.Draft)
            .Select(r => r.ClientId).Distinct().ToListAsync(cancellationToken);
        foreach (var id in drafts)
        {
            found.Add($"A chart is open as a draft on {(id == first.Id ? first : second).FullName}'s record (ID {id}): the provider signs or finishes it first. Nothing was changed.");
        }

        var visits = await db.Appointments.AsNoTracking().Where(a => ids.Contains(a.ClientId) && Active.Contains(a.Status))
            .Select(a => new { a.ClientId, a.StartsAt, a.EndsAt }).ToListAsync(cancellationToken);
        var clash = visits.Where(a => a.ClientId == first.Id)
            .SelectMany(a => visits.Where(b => b.ClientId == second.Id && b.StartsAt < a.EndsAt && a.StartsAt < b.EndsAt).Select(_ => a))
            .OrderBy(a => a.StartsAt).FirstOrDefault();
        if (clash is not null)
        {
            var local = zone.ToLocal(clash.StartsAt);
            found.Add($"Both records have a visit booked at the same time ({local.ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture)}): cancel or move one of them first. Nothing was changed.");
        }

        return found;
    }
}
