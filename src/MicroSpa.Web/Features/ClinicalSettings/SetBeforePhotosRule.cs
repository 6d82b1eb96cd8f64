using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Treatments;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.ClinicalSettings;

/// <summary>
/// The medical director (or the Admin) sets how many before photos of every charted area signing a needling
/// chart needs when the client agreed to photos (0: none). Signed charts keep the number they were signed under.
/// </summary>
public static class SetBeforePhotosRule
{
    public static readonly string OutOfRange = $"Ask for 0 to {BeforePhotos.MaxPerArea} before photos per area (0: none required).";

    public sealed class Command
    {
        [Display(Name = "Before photos per area to sign a chart")]
        public int? PerArea { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.PerArea).NotNull().WithMessage("Enter how many before photos per area (0 for none).")
                .InclusiveBetween(0, BeforePhotos.MaxPerArea).WithMessage(OutOfRange);
    }

    public sealed class Handler(MicroSpaDbContext db, ILogger<Handler> logger)
    {
        public async Task<Outcome> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            var policy = await db.BookingPolicies.SingleAsync(cancellationToken);
            try
            {
                policy.SetBeforePhotosRule(command.PerArea!.Value);
            }
            catch (DomainException)
            {
                return Outcome.Fail(nameof(Command.PerArea), OutOfRange);
            }

            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Before-photos rule set to {PerArea} per area", policy.BeforePhotosPerArea);
            return Outcome.Success;
        }
    }
}
