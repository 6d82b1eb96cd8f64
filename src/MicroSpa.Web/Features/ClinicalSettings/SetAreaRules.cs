using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Treatments;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.ClinicalSettings;

/// <summary>
/// The medical director sets an area's depth band, hard maximum and minimum interval, or marks it never
/// to treat. New charts use the new rules; signed charts keep the rules they were signed under.
/// </summary>
public static class SetAreaRules
{
    public sealed class Command
    {
        [Display(Name = "Band from (mm)")]
        public decimal? MinMm { get; set; }

        [Display(Name = "Band to (mm)")]
        public decimal? MaxMm { get; set; }

        [Display(Name = "Hard maximum (mm)")]
        public decimal? HardMaxMm { get; set; }

        [Display(Name = "Days between sessions")]
        public int? IntervalDays { get; set; }

        public bool NeverTreat { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.MaxMm).NotNull().When(c => c.MinMm is not null && !c.NeverTreat).WithMessage("Give both ends of the band, or neither.");
            RuleFor(c => c.MinMm).NotNull().When(c => c.MaxMm is not null && !c.NeverTreat).WithMessage("Give both ends of the band, or neither.");
            RuleFor(c => c.IntervalDays).NotNull().WithMessage("Give the days between sessions.").InclusiveBetween(0, 365).WithMessage("0 to 365 days.");
        }
    }

    public sealed class Handler(MicroSpaDbContext db, ILogger<Handler> logger)
    {
        /// <returns>Null when there is no such area.</returns>
        public async Task<Outcome?> HandleAsync(Guid areaId, Command command, CancellationToken cancellationToken)
        {
            var area = await db.BodyAreas.SingleOrDefaultAsync(a => a.Id == areaId, cancellationToken);
            if (area is null)
            {
                return null;
            }

            try
            {
                area.SetMinimumInterval(command.IntervalDays!.Value);
                if (command.NeverTreat)
                {
                    area.MarkNeverTreat();
                }
                else if (command.MinMm is { } min && command.MaxMm is { } max)
                {
                    area.SetDepthRules(new DepthBand(min, max), command.HardMaxMm);
                }
                else
                {
                    area.ClearDepthRules();
                }
            }
            catch (DomainException ex)
            {
                var field = ex.Field switch
                {
                    nameof(DepthBand.MinMm) => nameof(Command.MinMm),
                    nameof(DepthBand.MaxMm) => nameof(Command.MaxMm),
                    nameof(BodyArea.HardMaximumMm) => nameof(Command.HardMaxMm),
                    nameof(BodyArea.MinimumIntervalDays) => nameof(Command.IntervalDays),
                    _ => string.Empty,
                };
                return Outcome.Fail(field, ex.Message);
            }

            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Depth rules of body area {AreaId} changed", areaId);
            return Outcome.Success;
        }
    }
}
