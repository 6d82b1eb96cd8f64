using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>A one-off extra shift for a provider (covering a colleague, a late evening): times are offered in it.</summary>
public static class AddExtraShift
{
    public sealed class Command
    {
        [Display(Name = "Date")]
        public DateOnly? Date { get; set; }

        [Display(Name = "From")]
        public TimeOnly? Start { get; set; }

        [Display(Name = "Until")]
        public TimeOnly? End { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Date).NotNull().WithMessage("Give the date of the extra shift.");
            RuleFor(c => c.Start).NotNull().WithMessage("Give the start time.");
            RuleFor(c => c.End).NotNull().WithMessage("Give the end time.")
                .GreaterThan(c => c.Start).When(c => c.Start is not null).WithMessage("The end must be after the start.");
        }
    }

    public sealed class Handler(MicroSpaDbContext db, ClinicTimeZone zone, TimeProvider clock)
    {
        /// <returns>Null when there is no such provider.</returns>
        public async Task<Outcome?> HandleAsync(Guid providerId, Command command, CancellationToken cancellationToken)
        {
            if (!await db.Providers.AnyAsync(p => p.Id == providerId, cancellationToken))
            {
                return null;
            }

            try
            {
                db.ExtraShifts.Add(new ExtraShift(providerId, command.Date!.Value, command.Start!.Value, command.End!.Value, zone.Today(clock.GetUtcNow())));
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
