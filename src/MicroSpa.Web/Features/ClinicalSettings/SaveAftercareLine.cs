using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Treatments;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.ClinicalSettings;

/// <summary>Adds or changes a line of the aftercare template. Plans already issued keep their text.</summary>
public static class SaveAftercareLine
{
    public sealed class Command
    {
        public AftercareKind Kind { get; set; } = AftercareKind.Avoid;

        [Display(Name = "Text (write {until} where the date goes)")]
        public string Text { get; set; } = string.Empty;

        [Display(Name = "Lasts (hours after treatment; empty for no date)")]
        public int? Hours { get; set; }

        [Display(Name = "Longer when deeper than (mm)")]
        public decimal? DeeperThanMm { get; set; }

        [Display(Name = "Extra hours when deeper")]
        public int ExtraHoursWhenDeeper { get; set; }

        [Display(Name = "Extra hours on body areas")]
        public int ExtraHoursOnBody { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Kind).IsInEnum().WithMessage("Choose what kind of line this is.");
            RuleFor(c => c.Text).NotEmpty().WithMessage("Write the line.")
                .MaximumLength(FieldLengths.Description).WithMessage($"At most {FieldLengths.Description} characters.");
            RuleFor(c => c.DeeperThanMm).InclusiveBetween(0m, Device.AbsoluteMaximumDepthMm).WithMessage($"0 to {Device.AbsoluteMaximumDepthMm} mm.");
        }
    }

    public sealed class Handler(MicroSpaDbContext db)
    {
        /// <returns>Null when the line to change does not exist.</returns>
        public async Task<Outcome?> HandleAsync(Guid? id, Command command, CancellationToken cancellationToken)
        {
            try
            {
                if (id is { } existingId)
                {
                    var line = await db.AftercareTemplate.SingleOrDefaultAsync(l => l.Id == existingId, cancellationToken);
                    if (line is null)
                    {
                        return null;
                    }

                    line.Change(command.Kind, command.Text, command.Hours, command.DeeperThanMm, command.ExtraHoursWhenDeeper, command.ExtraHoursOnBody);
                }
                else
                {
                    var order = await db.AftercareTemplate.MaxAsync(l => (int?)l.SortOrder, cancellationToken) ?? 0;
                    db.AftercareTemplate.Add(new AftercareTemplateItem(command.Kind, command.Text, command.Hours, order + 1, command.DeeperThanMm,
                        command.ExtraHoursWhenDeeper, command.ExtraHoursOnBody));
                }
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Field ?? string.Empty, ex.Message);
            }

            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Success;
        }
    }
}
