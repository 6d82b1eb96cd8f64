using MicroSpa.Data;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// Builds a visit's <see cref="TreatmentGate"/> from the records (the visit's screening and consent, the
/// consent text and screening questions in force, the booking policy, the client's clearances), for every feature that starts a
/// treatment, signs a chart or shows what a visit still needs.
/// </summary>
public sealed class TreatmentGates(MicroSpaDbContext db, ClinicTimeZone zone, TimeProvider clock)
{
    public async Task<TreatmentGate> ForAsync(Appointment appointment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        var service = appointment.Service ?? await db.Services.AsNoTracking().SingleAsync(s => s.Id == appointment.ServiceId, cancellationToken);
        var screening = appointment.ScreeningId is { } screeningId
            ? await db.Screenings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == screeningId, cancellationToken)
            : null;
        var consent = appointment.ConsentSignatureId is { } consentId
            ? await db.ConsentSignatures.AsNoTracking().SingleOrDefaultAsync(c => c.Id == consentId, cancellationToken)
            : null;
        var currentConsent = await db.ConsentForms.AsNoTracking().MaxAsync(f => f.Version, cancellationToken);
        var currentScreening = await db.ScreeningQuestionnaires.AsNoTracking().MaxAsync(q => q.Version, cancellationToken);
        var validDays = await db.BookingPolicies.AsNoTracking().Select(p => p.ScreeningValidDays).SingleAsync(cancellationToken);
        var clearances = await db.MedicalClearances.AsNoTracking()
            .Where(c => c.ClientId == appointment.ClientId && c.Decision == ClearanceDecision.Cleared && c.VoidedAt == null)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return TreatmentGate.For(appointment, service, screening, consent, currentConsent, currentScreening, validDays, clearances, now, zone.Today(now));
    }

    /// <summary>The gates of several visits at once (a day's schedule): appointment id to what is missing.</summary>
    public async Task<IReadOnlyDictionary<Guid, TreatmentGate>> ForManyAsync(IReadOnlyCollection<Guid> appointmentIds, CancellationToken cancellationToken)
    {
        var appointments = await db.Appointments.AsNoTracking().Include(a => a.Service).Where(a => appointmentIds.Contains(a.Id)).ToListAsync(cancellationToken);
        var screeningIds = appointments.Where(a => a.ScreeningId != null).Select(a => a.ScreeningId!.Value).ToList();
        var consentIds = appointments.Where(a => a.ConsentSignatureId != null).Select(a => a.ConsentSignatureId!.Value).ToList();
        var clientIds = appointments.Select(a => a.ClientId).Distinct().ToList();
        var screenings = await db.Screenings.AsNoTracking().Where(s => screeningIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var consents = await db.ConsentSignatures.AsNoTracking().Where(c => consentIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var clearances = (await db.MedicalClearances.AsNoTracking()
                .Where(c => clientIds.Contains(c.ClientId) && c.Decision == ClearanceDecision.Cleared && c.VoidedAt == null)
                .ToListAsync(cancellationToken))
            .ToLookup(c => c.ClientId);
        var currentConsent = await db.ConsentForms.AsNoTracking().MaxAsync(f => f.Version, cancellationToken);
        var currentScreening = await db.ScreeningQuestionnaires.AsNoTracking().MaxAsync(q => q.Version, cancellationToken);
        var validDays = await db.BookingPolicies.AsNoTracking().Select(p => p.ScreeningValidDays).SingleAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var today = zone.Today(now);
        return appointments.ToDictionary(a => a.Id, a => TreatmentGate.For(a, a.Service!,
            a.ScreeningId is { } s ? screenings.GetValueOrDefault(s) : null,
            a.ConsentSignatureId is { } c ? consents.GetValueOrDefault(c) : null,
            currentConsent, currentScreening, validDays, clearances[a.ClientId], now, today));
    }
}

/// <summary>
/// A screening with a hard stop answered after a clearance voids it (DOMAIN.md: renewed after a relevant
/// health change) and tells the medical directors by email, without the client's name or answers.
/// Call in the unit of work that records the screening.
/// </summary>
public sealed class ClearanceVoiding(MicroSpaDbContext db, UserManager<ApplicationUser> users, OutboxQueue outbox, TimeProvider clock, ILogger<ClearanceVoiding> logger)
{
    public const string AuditAction = "clearance.void";

    public async Task<int> VoidByAsync(Screening screening, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(screening);
        if (screening.Outcome != ScreeningOutcome.HardStop)
        {
            return 0;
        }

        var clearances = await db.MedicalClearances
            .Where(c => c.ClientId == screening.ClientId && c.Decision == ClearanceDecision.Cleared && c.VoidedAt == null)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var voided = clearances.Where(c => c.IsVoidedBy(screening)).ToList();
        foreach (var clearance in voided)
        {
            clearance.VoidBy(screening, now);
            db.AuditEntries.Add(new Domain.Audit.AuditEntry(null, "System", clearance.ClientId, AuditAction, clearance.Id, now));
        }

        if (voided.Count > 0)
        {
            foreach (var director in await users.GetUsersInRoleAsync(Roles.MedicalDirector))
            {
                if (director.Email is { } to && director.EmailConfirmed)
                {
                    outbox.Add($"clearance-void:{screening.Id}:{director.Id}", "clearance-void", new EmailMessage(to,
                        "A medical clearance was voided",
                        "A client's new screening has a hard stop, so their medical clearance no longer holds." + Environment.NewLine
                        + "Open Clearances in MicroSpa to see who needs a new exam before their next treatment.",
                        "<p>A client's new screening has a hard stop, so their medical clearance no longer holds.</p>"
                        + "<p>Open <strong>Clearances</strong> in MicroSpa to see who needs a new exam before their next treatment.</p>"));
                }
            }

            logger.LogInformation("Screening {ScreeningId} voided {Count} clearance(s)", screening.Id, voided.Count);
        }

        return voided.Count;
    }
}
