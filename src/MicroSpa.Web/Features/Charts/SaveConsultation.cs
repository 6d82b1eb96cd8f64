using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Plans;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Charts;

/// <summary>
/// Saves a consultation record as a draft (and, with the sign button, hands it to <see cref="SignConsultation"/>).
/// A consultation is no needling: it records the skin assessment, Fitzpatrick type, indications, findings and the
/// recommended plan.
/// </summary>
public static class SaveConsultation
{
    public sealed class Command
    {
        public uint Version { get; set; }

        /// <summary>A new id for every rendering of the form: a retried submission is recognised.</summary>
        public Guid SaveId { get; set; }

        public string Intent { get; set; } = SaveChart.SaveIntent;

        [Display(Name = "Fitzpatrick type")]
        public FitzpatrickType? SkinType { get; set; }

        [Display(Name = "Skin assessment")]
        public string? SkinNotes { get; set; }

        public List<string> Indications { get; set; } = [];

        [Display(Name = "Findings")]
        public string? Findings { get; set; }

        [Display(Name = "Recommended plan")]
        public string? RecommendedPlan { get; set; }

        [Display(Name = "Notes")]
        public string? Notes { get; set; }

        [Display(Name = "Recommended treatment")]
        public Guid? RecommendedServiceId { get; set; }

        [Display(Name = "Indication of the series")]
        public Indication? RecommendedIndication { get; set; }

        public List<Guid> RecommendedAreaIds { get; set; } = [];

        [Display(Name = "Sessions in the series")]
        public int? RecommendedSessions { get; set; }

        [Display(Name = "Days between sessions")]
        public int? RecommendedIntervalDays { get; set; }

        public static Command From(TreatmentRecord record) => new()
        {
            Version = record.Version,
            SaveId = Guid.CreateVersion7(),
            SkinType = record.SkinType,
            SkinNotes = record.SkinNotes,
            Indications = [.. record.Indications],
            Findings = record.Findings,
            RecommendedPlan = record.RecommendedPlan,
            Notes = record.Notes,
            RecommendedServiceId = record.RecommendedServiceId,
            RecommendedIndication = record.RecommendedIndication,
            RecommendedAreaIds = [.. record.RecommendedAreaIds],
            RecommendedSessions = record.RecommendedSessions,
            RecommendedIntervalDays = record.RecommendedIntervalDays,
        };
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Intent).Must(i => i is SaveChart.SaveIntent or SaveChart.SignIntent).WithMessage("Save or sign.");
            RuleFor(c => c.SkinType).IsInEnum().WithMessage("Choose a Fitzpatrick type from I to VI.");
            RuleFor(c => c.SkinNotes).MaximumLength(FieldLengths.Note).WithMessage($"At most {FieldLengths.Note} characters.");
            RuleFor(c => c.Indications).Must(i => i.Count <= 10 && i.All(x => x is not null && x.Length <= FieldLengths.ShortName)).WithMessage("Choose indications from the list.");
            RuleFor(c => c.Findings).MaximumLength(FieldLengths.Note).WithMessage($"At most {FieldLengths.Note} characters.");
            RuleFor(c => c.RecommendedPlan).MaximumLength(FieldLengths.Note).WithMessage($"At most {FieldLengths.Note} characters.");
            RuleFor(c => c.Notes).MaximumLength(FieldLengths.Note).WithMessage($"At most {FieldLengths.Note} characters.");
            RuleFor(c => c.RecommendedIndication).IsInEnum().WithMessage("Choose an indication from the list.");
            RuleFor(c => c.RecommendedAreaIds).Must(a => a.Count <= 30).WithMessage("Choose areas from the list.");
            RuleFor(c => c.RecommendedSessions).InclusiveBetween(1, TreatmentPlan.MaxSessions)
                .WithMessage($"A series has 1 to {TreatmentPlan.MaxSessions} sessions (leave it empty for the published default).");
            RuleFor(c => c.RecommendedIntervalDays).InclusiveBetween(TreatmentPlan.MinIntervalDays, TreatmentPlan.MaxIntervalDays)
                .WithMessage($"Sessions are {TreatmentPlan.MinIntervalDays} to {TreatmentPlan.MaxIntervalDays} days apart (leave it empty for the published default).");
        }
    }

    public sealed class Handler(MicroSpaDbContext db, ClinicalAudit audit, SignConsultation.Handler sign, TimeProvider clock)
    {
        /// <returns>Null when there is no such consultation record.</returns>
        public async Task<SaveChart.Result?> HandleAsync(Guid chartId, Command command, CancellationToken cancellationToken)
        {
            var record = await db.TreatmentRecords.SingleOrDefaultAsync(r => r.Id == chartId, cancellationToken);
            if (record is null || !record.IsConsultation)
            {
                return null;
            }

            var retried = command.SaveId != Guid.Empty && record.LastSaveId == command.SaveId;
            if (retried && (record.IsSigned || command.Intent == SaveChart.SaveIntent))
            {
                return new SaveChart.Result(Outcome.Success, record.IsSigned);
            }

            if (record.IsSigned)
            {
                return new SaveChart.Result(Outcome.Conflict(SaveChart.SignedMessage), false);
            }

            if (record.Version != command.Version && !retried)
            {
                return new SaveChart.Result(Outcome.Conflict(SaveChart.StaleMessage), false);
            }

            if (!retried)
            {
                db.Entry(record).Property(r => r.Version).OriginalValue = command.Version;
            }

            if (command.RecommendedServiceId is { } serviceId
                && !await db.Services.AnyAsync(s => s.Id == serviceId && s.Kind == ServiceKind.Treatment, cancellationToken))
            {
                return new SaveChart.Result(Outcome.Fail(nameof(Command.RecommendedServiceId), "Choose a treatment from the list."), false);
            }

            var areaIds = command.RecommendedAreaIds.Distinct().ToList();
            if (areaIds.Count > 0 && await db.BodyAreas.CountAsync(a => areaIds.Contains(a.Id) && !a.NeverTreat, cancellationToken) != areaIds.Count)
            {
                return new SaveChart.Result(Outcome.Fail(nameof(Command.RecommendedAreaIds), "Choose areas from the list."), false);
            }

            var now = clock.GetUtcNow();
            try
            {
                record.SaveConsultation(
                    new ConsultationEntry(command.SkinType, command.SkinNotes, command.Indications, command.Findings, command.RecommendedPlan, command.Notes,
                        new Recommendation(command.RecommendedServiceId, command.RecommendedIndication, areaIds, command.RecommendedSessions,
                            command.RecommendedIntervalDays)),
                    now, command.SaveId == Guid.Empty ? null : command.SaveId);
            }
            catch (DomainException ex)
            {
                return new SaveChart.Result(Outcome.Fail(ex.Field ?? string.Empty, ex.Message), false);
            }

            audit.Add(record.ClientId, ClinicalAudit.ChartSave, record.Id);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new SaveChart.Result(Outcome.Conflict(SaveChart.StaleMessage), false);
            }

            if (command.Intent != SaveChart.SignIntent)
            {
                return new SaveChart.Result(Outcome.Success, false);
            }

            // The draft above is saved whatever happens next: a refused signature loses nothing.
            return await sign.HandleAsync(record, now, cancellationToken);
        }
    }
}
