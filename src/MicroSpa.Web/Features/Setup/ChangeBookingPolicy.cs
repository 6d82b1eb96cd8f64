using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Setup;

/// <summary>An Admin sets the booking rules: notice, horizon, cancellation cutoff, screening validity, isotretinoin washout, check-in window, how long a medical clearance runs.</summary>
public static class ChangeBookingPolicy
{
    public sealed class Command
    {
        [Display(Name = "Minimum notice for online booking (minutes)")]
        public int? MinimumNoticeMinutes { get; set; }

        [Display(Name = "Booking horizon (days ahead)")]
        public int? HorizonDays { get; set; }

        [Display(Name = "Cancellation cutoff (hours before)")]
        public int? CancellationCutoffHours { get; set; }

        [Display(Name = "A screening stays valid for (days)")]
        public int? ScreeningValidDays { get; set; }

        [Display(Name = "Check-in opens (minutes before the start)")]
        public int? CheckInOpensMinutesBefore { get; set; }

        [Display(Name = "A medical clearance runs for (months)")]
        public int? ClearanceValidMonths { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.MinimumNoticeMinutes).NotNull().WithMessage("Enter the minimum notice.")
                .InclusiveBetween(0, 7 * 24 * 60).WithMessage("The minimum notice is 0 minutes to 7 days (10080 minutes).");
            RuleFor(c => c.HorizonDays).NotNull().WithMessage("Enter the horizon.")
                .InclusiveBetween(1, 365).WithMessage("The horizon is 1 to 365 days.");
            RuleFor(c => c.CancellationCutoffHours).NotNull().WithMessage("Enter the cutoff.")
                .InclusiveBetween(0, 14 * 24).WithMessage("The cutoff is 0 to 336 hours (14 days).");
            RuleFor(c => c.ScreeningValidDays).NotNull().WithMessage("Enter how long a screening stays valid.")
                .InclusiveBetween(0, 365).WithMessage("A screening stays valid 0 to 365 days.");
            RuleFor(c => c.CheckInOpensMinutesBefore).NotNull().WithMessage("Enter when check-in opens.")
                .InclusiveBetween(0, BookingPolicy.LongestCheckInWindowMinutes)
                .WithMessage($"Check-in opens 0 to {BookingPolicy.LongestCheckInWindowMinutes} minutes (12 hours) before the start, on the day.");
            RuleFor(c => c.ClearanceValidMonths).NotNull().WithMessage("Enter how many months a medical clearance runs.")
                .InclusiveBetween(1, MedicalClearance.MaxValidMonths).WithMessage($"A medical clearance runs 1 to {MedicalClearance.MaxValidMonths} months.");
        }
    }

    public sealed class Handler(MicroSpaDbContext db, ILogger<Handler> logger)
    {
        public async Task<Outcome> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            var policy = await db.BookingPolicies.SingleAsync(cancellationToken);
            try
            {
                policy.Change(command.MinimumNoticeMinutes!.Value, command.HorizonDays!.Value, command.CancellationCutoffHours!.Value,
                    command.ScreeningValidDays!.Value);
                policy.SetCheckInWindow(command.CheckInOpensMinutesBefore!.Value);
                policy.SetClearanceValidity(command.ClearanceValidMonths!.Value);
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Field ?? string.Empty, ex.Message);
            }

            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Booking policy changed");
            return Outcome.Success;
        }
    }
}
