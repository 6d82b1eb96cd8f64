using MicroSpa.Data;
using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Clearance;

/// <summary>
/// One client's page for the medical director: the latest screening's flags, the coming visits and what each still
/// misses, past exams (voided ones marked), and the exam form filled with the clinic's default validity.
/// </summary>
public static class ClearancePage
{
    public sealed record Option(Guid Id, string Name);

    public sealed record Flag(string Question, ScreeningSeverity Severity);

    public sealed record Visit(DateTime LocalStart, string Service, IReadOnlyList<string> Missing);

    public sealed record PastExam(
        DateOnly ExaminedOn, ClearanceDecision Decision, string Examiner, ExamMode Mode, IReadOnlyList<string> Services, string? Indications,
        string? Contraindications, DateOnly? ExpiresOn, string? DeclineReason, DateTime? LocalVoidedAt, bool Current);

    public sealed record Page(
        Guid ClientId, string Client, DateOnly? DateOfBirth, DateTime? LocalScreenedAt, IReadOnlyList<Flag> Flags, IReadOnlyList<Visit> Visits,
        IReadOnlyList<PastExam> History, IReadOnlyList<Option> Services, string MyName)
    {
        public RecordClearance.Command Form { get; init; } = new();

        /// <summary>The clinic's default validity of a clearance, in months (clinic setup).</summary>
        public int DefaultValidMonths { get; init; }
    }

    public sealed class Handler(
        MicroSpaDbContext db, Shared.TreatmentGates gates, Shared.ScreeningForms forms, Shared.ClinicalAudit audit, Actor actor, ClinicTimeZone zone, TimeProvider clock)
    {
        /// <summary>
        /// The page as the medical director opens it: it shows the client's screening answers and exams, so opening it is
        /// an audited read (the same page shown again around a refused form is not a new read: <see cref="HandleAsync"/>).
        /// </summary>
        /// <returns>Null when there is no such client.</returns>
        public async Task<Page?> OpenAsync(Guid clientId, CancellationToken cancellationToken)
        {
            var page = await HandleAsync(clientId, cancellationToken);
            if (page is not null)
            {
                await audit.RecordReadAsync(clientId, Shared.ClinicalAudit.ClearanceView, clientId, cancellationToken);
            }

            return page;
        }

        /// <returns>Null when there is no such client.</returns>
        public async Task<Page?> HandleAsync(Guid clientId, CancellationToken cancellationToken)
        {
            var client = await db.Clients.AsNoTracking().Where(c => c.Id == clientId)
                .Select(c => new { c.FirstName, c.LastName, c.DateOfBirth }).SingleOrDefaultAsync(cancellationToken);
            if (client is null)
            {
                return null;
            }

            var now = clock.GetUtcNow();
            var today = zone.Today(now);
            var policy = await db.BookingPolicies.AsNoTracking().SingleAsync(cancellationToken);
            var screening = await db.Screenings.AsNoTracking().Where(s => s.ClientId == clientId).OrderByDescending(s => s.AnsweredAt)
                .FirstOrDefaultAsync(cancellationToken);
            var flags = screening is null
                ? []
                : (await forms.FlagsAsync(screening, cancellationToken)).Select(q => new Flag(q.Text, q.Severity)).ToList();
            var services = await db.Services.AsNoTracking().Where(s => s.Kind == ServiceKind.Treatment).OrderBy(s => s.SortOrder)
                .Select(s => new { s.Id, s.Name, s.IsActive, s.RequiresClearance }).ToListAsync(cancellationToken);
            var names = services.ToDictionary(s => s.Id, s => s.Name);
            var (todayStart, _) = zone.DayBounds(today);
            var visits = await db.Appointments.AsNoTracking()
                .Where(a => a.ClientId == clientId && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.CheckedIn) && a.StartsAt >= todayStart)
                .OrderBy(a => a.StartsAt).Select(a => new { a.Id, a.StartsAt, a.ServiceId }).Take(10).ToListAsync(cancellationToken);
            var gated = await gates.ForManyAsync(visits.Select(v => v.Id).ToList(), cancellationToken);
            var history = await db.MedicalClearances.AsNoTracking().Where(c => c.ClientId == clientId).OrderByDescending(c => c.RecordedAt)
                .ToListAsync(cancellationToken);
            return new Page(clientId, $"{client.FirstName} {client.LastName}", client.DateOfBirth,
                screening is null ? null : zone.ToLocal(screening.AnsweredAt), flags,
                visits.Select(v => new Visit(zone.ToLocal(v.StartsAt), names.GetValueOrDefault(v.ServiceId, "Service"),
                    gated.TryGetValue(v.Id, out var g) ? g.Missing.Select(m => m.Message).ToList() : [])).ToList(),
                history.Select(c => new PastExam(c.ExaminedOn, c.Decision,
                    $"{c.ExaminerName}, {c.ExaminerCredential}" + (c.ExaminerLicenceState is { } state ? $" ({state})" : string.Empty),
                    c.Mode, c.ServiceIds.Select(id => names.GetValueOrDefault(id, "a retired service")).ToList(), c.Indications, c.Contraindications,
                    c.ExpiresOn, c.DeclineReason, c.VoidedAt is { } voided ? zone.ToLocal(voided) : null, c.IsCurrent(today))).ToList(),
                services.Where(s => s.IsActive).Select(s => new Option(s.Id, s.Name + (s.RequiresClearance ? " (needs clearance)" : string.Empty))).ToList(),
                actor.Name)
            {
                Form = new RecordClearance.Command
                {
                    ExaminedOn = today,
                    ExpiresOn = today.AddMonths(policy.ClearanceValidMonths),
                    Mode = ExamMode.InPerson,
                    ServiceIds = visits.Select(v => v.ServiceId).Distinct().Where(names.ContainsKey).ToList(),
                },
                DefaultValidMonths = policy.ClearanceValidMonths,
            };
        }
    }
}
