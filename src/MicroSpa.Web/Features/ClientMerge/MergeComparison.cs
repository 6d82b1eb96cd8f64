using MicroSpa.Data;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.ClientMerge;

/// <summary>
/// Two client records side by side before the desk merges them: each one's details and how much it holds (visits,
/// charts, photos, screenings, consents, plans, invoices and payments, a customer at the payment provider, a portal
/// account), and what stops the merge. Counts only: no chart, answer or photo is shown to the desk.
/// </summary>
public static class MergeComparison
{
    public sealed record Counts(
        int Appointments, int Upcoming, int Charts, int Photos, int Screenings, int Consents, int TreatmentPlans, int AftercarePlans,
        int Clearances, int ProgressScores, int Invoices, int Payments, int WaitlistEntries);

    public sealed record Side(
        Guid Id, string FirstName, string LastName, string? Email, string? Phone, DateOnly? DateOfBirth, string? Notes, DateTimeOffset CreatedAt,
        string PortalAccount, bool PaymentCustomer, Counts Counts)
    {
        public string Name => $"{FirstName} {LastName}";
    }

    /// <summary>The two sides, what stops the merge, and the form; <c>MergedAlready</c> is the record pointed to when one of the two is already a tombstone.</summary>
    public sealed record Result(Side This, Side Other, IReadOnlyList<string> Blockers, Guid? MergedAlready, MergeClients.Command Form);

    public sealed class Handler(MicroSpaDbContext db, ClinicTimeZone zone, TimeProvider clock)
    {
        /// <returns>Null when either record does not exist, or both ids are the same.</returns>
        public async Task<Result?> HandleAsync(Guid id, Guid otherId, MergeClients.Command? form, CancellationToken cancellationToken)
        {
            if (id == otherId)
            {
                return null;
            }

            var clients = await db.Clients.AsNoTracking().Where(c => c.Id == id || c.Id == otherId).ToListAsync(cancellationToken);
            if (clients.Count != 2)
            {
                return null;
            }

            var (mine, other) = (clients.Single(c => c.Id == id), clients.Single(c => c.Id == otherId));
            var merged = mine.MergedIntoId ?? other.MergedIntoId;
            var blockers = merged is null ? await MergeBlockers.FindAsync(db, mine, other, zone, cancellationToken) : [];
            return new Result(await SideAsync(mine, cancellationToken), await SideAsync(other, cancellationToken), blockers, merged,
                form ?? Defaults(mine, other));
        }

        /// <summary>The record the desk came from is kept; each field keeps its value unless it is empty and the other's is not.</summary>
        private static MergeClients.Command Defaults(Client kept, Client other)
        {
            Guid? From<T>(T keptValue, T otherValue) => keptValue is null || (keptValue is string s && s.Length == 0) ? otherValue is null ? null : other.Id : null;
            return new MergeClients.Command
            {
                KeepId = kept.Id,
                EmailFrom = From(kept.Email, other.Email),
                PhoneFrom = From(kept.Phone, other.Phone),
                DateOfBirthFrom = From(kept.DateOfBirth, other.DateOfBirth),
                NotesFrom = From(kept.Notes, other.Notes),
            };
        }

        private async Task<Side> SideAsync(Client client, CancellationToken cancellationToken)
        {
            var id = client.Id;
            var now = clock.GetUtcNow();
            var invoices = db.Invoices.Where(i => i.ClientId == id).Select(i => i.Id);
            var counts = new Counts(
                await db.Appointments.CountAsync(a => a.ClientId == id, cancellationToken),
                await db.Appointments.CountAsync(a => a.ClientId == id && a.StartsAt >= now && MergeBlockers.Active.Contains(a.Status), cancellationToken),
                await db.TreatmentRecords.CountAsync(r => r.ClientId == id, cancellationToken),
                await db.Photos.CountAsync(p => p.ClientId == id, cancellationToken),
                await db.Screenings.CountAsync(s => s.ClientId == id, cancellationToken),
                await db.ConsentSignatures.CountAsync(s => s.ClientId == id, cancellationToken),
                await db.TreatmentPlans.CountAsync(p => p.ClientId == id, cancellationToken),
                await db.AftercarePlans.CountAsync(p => p.ClientId == id, cancellationToken),
                await db.MedicalClearances.CountAsync(c => c.ClientId == id, cancellationToken),
                await db.ProgressScores.CountAsync(p => p.ClientId == id, cancellationToken),
                await invoices.CountAsync(cancellationToken),
                await db.LedgerEntries.CountAsync(e => e.Kind == EntryKind.Payment && invoices.Contains(e.InvoiceId), cancellationToken),
                await db.WaitlistEntries.CountAsync(w => w.ClientId == id, cancellationToken));
            var portal = client.UserId is not null ? "Yes" : client.PendingUserId is not null ? "Waiting for the in-person check" : "No";
            return new Side(id, client.FirstName, client.LastName, client.Email, client.Phone, client.DateOfBirth, client.Notes, client.CreatedAt, portal,
                await db.PaymentCustomers.AnyAsync(c => c.ClientId == id, cancellationToken), counts);
        }
    }
}
