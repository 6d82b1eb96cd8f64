using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Clearance;

/// <summary>
/// The medical director records a good-faith exam of one client: cleared for some services until a date
/// (the clinic's default validity), or declined with a reason. Either is audited and kept; nothing edits it.
/// </summary>
public static class RecordClearance
{
    public const string Clear = "clear";
    public const string Decline = "decline";
    public const string Me = "me";
    public const string Outside = "outside";
    public const string ClearedAction = "clearance.clear";
    public const string DeclinedAction = "clearance.decline";

    public sealed class Command
    {
        public string Decision { get; set; } = Clear;

        /// <summary>"me" (the signed-in medical director examined) or "outside" (another prescriber).</summary>
        public string Examiner { get; set; } = Me;

        [Display(Name = "Outside examiner's name")]
        public string? ExaminerName { get; set; }

        [Display(Name = "Credential")]
        public ExaminerCredential? ExaminerCredential { get; set; }

        [Display(Name = "Licence state")]
        public string? ExaminerLicenceState { get; set; }

        [Display(Name = "Date of the exam")]
        public DateOnly? ExaminedOn { get; set; }

        [Display(Name = "How")]
        public ExamMode? Mode { get; set; }

        public List<Guid> ServiceIds { get; set; } = [];

        [Display(Name = "Indications cleared")]
        public string? Indications { get; set; }

        [Display(Name = "Contraindications noted")]
        public string? Contraindications { get; set; }

        [Display(Name = "Expires on")]
        public DateOnly? ExpiresOn { get; set; }

        [Display(Name = "Reason for declining")]
        public string? DeclineReason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Decision).Must(d => d is Clear or Decline).WithMessage("Clear or decline.");
            RuleFor(c => c.Examiner).Must(e => e is Me or Outside).WithMessage("Choose who examined the client.");
            RuleFor(c => c.ExaminerName).NotEmpty().When(c => c.Examiner == Outside).WithMessage("Enter the examiner's name.")
                .MaximumLength(FieldLengths.PersonName).WithMessage($"At most {FieldLengths.PersonName} characters.");
            RuleFor(c => c.ExaminerCredential).NotNull().WithMessage("Choose MD, DO, NP or PA.").IsInEnum().WithMessage("Choose MD, DO, NP or PA.");
            RuleFor(c => c.ExaminerLicenceState).NotEmpty().When(c => c.Examiner == Outside).WithMessage("Enter the state of the examiner's licence.");
            RuleFor(c => c.ExaminerLicenceState).Matches("^[A-Za-z]{2}$").When(c => !string.IsNullOrEmpty(c.ExaminerLicenceState)).WithMessage("Two letters, e.g. CA.");
            RuleFor(c => c.ExaminedOn).NotNull().WithMessage("Enter the date of the exam.");
            RuleFor(c => c.Mode).NotNull().WithMessage("Choose in person or by video.").IsInEnum().WithMessage("Choose in person or by video.");
            RuleFor(c => c.ServiceIds).NotEmpty().When(c => c.Decision == Clear).WithMessage("Choose the services this exam clears.")
                .Must(s => s.Count <= 50).WithMessage("At most 50 services.");
            RuleFor(c => c.DeclineReason).NotEmpty().When(c => c.Decision == Decline).WithMessage("Give the reason for declining.")
                .MaximumLength(FieldLengths.Description).WithMessage($"At most {FieldLengths.Description} characters.");
            RuleFor(c => c.Indications).MaximumLength(FieldLengths.Description).WithMessage($"At most {FieldLengths.Description} characters.");
            RuleFor(c => c.Contraindications).MaximumLength(FieldLengths.Description).WithMessage($"At most {FieldLengths.Description} characters.");
        }
    }

    public sealed class Handler(MicroSpaDbContext db, Shared.MergedClients.Handler merged, Shared.ClinicalAudit audit, Actor actor, ClinicTimeZone zone, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>Null when there is no such client.</returns>
        public async Task<Outcome?> HandleAsync(Guid clientId, Command command, CancellationToken cancellationToken)
        {
            if (!await db.Clients.AnyAsync(c => c.Id == clientId, cancellationToken))
            {
                return null;
            }

            if (await merged.RefusalAsync(clientId, cancellationToken) is { } refused)
            {
                return refused.AsOutcome();
            }

            var treatments = await db.Services.AsNoTracking().Where(s => s.Kind == ServiceKind.Treatment).Select(s => s.Id).ToListAsync(cancellationToken);
            if (command.ServiceIds.Any(id => !treatments.Contains(id)))
            {
                return Outcome.Fail(nameof(Command.ServiceIds), "Choose treatments from the list.");
            }

            var now = clock.GetUtcNow();
            var today = zone.Today(now);
            var examiner = command.Examiner == Me
                ? new Examiner(actor.UserId, await MyNameAsync(cancellationToken), command.ExaminerCredential!.Value, command.ExaminerLicenceState)
                : new Examiner(null, command.ExaminerName ?? string.Empty, command.ExaminerCredential!.Value, command.ExaminerLicenceState);
            // Left empty, a clearance runs the clinic's default validity from the day of the exam.
            var validMonths = await db.BookingPolicies.AsNoTracking().Select(p => p.ClearanceValidMonths).SingleAsync(cancellationToken);
            MedicalClearance clearance;
            try
            {
                clearance = command.Decision == Clear
                    ? MedicalClearance.Clear(clientId, examiner, command.ExaminedOn!.Value, command.Mode!.Value, command.ServiceIds, command.Indications,
                        command.Contraindications, command.ExpiresOn ?? command.ExaminedOn!.Value.AddMonths(validMonths), actor.UserId!.Value, actor.Name, today, now)
                    : MedicalClearance.Decline(clientId, examiner, command.ExaminedOn!.Value, command.Mode!.Value, command.DeclineReason ?? string.Empty,
                        command.Contraindications, actor.UserId!.Value, actor.Name, today, now);
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Field ?? string.Empty, ex.Message);
            }

            db.MedicalClearances.Add(clearance);
            audit.Add(clientId, command.Decision == Clear ? ClearedAction : DeclinedAction, clearance.Id);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Clearance {ClearanceId} ({Decision}) recorded by account {UserId}", clearance.Id, clearance.Decision, actor.UserId);
            return Outcome.Success;
        }

        private async Task<string> MyNameAsync(CancellationToken cancellationToken) =>
            await db.Users.AsNoTracking().Where(u => u.Id == actor.UserId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) is { Length: > 0 } name
                ? name
                : actor.Name;
    }
}
