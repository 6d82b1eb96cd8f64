using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>One-off time off for a provider (leave, training); no times are offered in it.</summary>
public static class AddTimeOff
{
    public sealed class Command
    {
        [Display(Name = "From")]
        public DateTime? From { get; set; }

        [Display(Name = "Until")]
        public DateTime? Until { get; set; }

        [Display(Name = "Reason (optional)")]
        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.From).NotNull().WithMessage("Give the start date and time.");
            RuleFor(c => c.Until).NotNull().WithMessage("Give the end date and time.")
                .GreaterThan(c => c.From).When(c => c.From is not null).WithMessage("The end must be after the start.");
            RuleFor(c => c.Reason).MaximumLength(FieldLengths.ShortName).WithMessage($"A reason can be at most {FieldLengths.ShortName} characters.");
        }
    }

    public sealed class Handler(MicroSpaDbContext db, ClinicTimeZone zone)
    {
        public async Task<Outcome?> HandleAsync(Guid providerId, Command command, CancellationToken cancellationToken)
        {
            if (!await db.Providers.AnyAsync(p => p.Id == providerId, cancellationToken))
            {
                return null;
            }

            var start = Instant(command.From!.Value);
            var end = Instant(command.Until!.Value);
            if (start is null || end is null)
            {
                return Outcome.Fail("That time does not exist on the clinic's clock (the clocks change then).");
            }

            db.TimeOff.Add(new TimeOff(providerId, start.Value, end.Value, command.Reason));
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Success;
        }

        private DateTimeOffset? Instant(DateTime local) =>
            zone.ToInstant(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
    }
}
