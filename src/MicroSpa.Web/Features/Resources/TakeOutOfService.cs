using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Resources;

/// <summary>Takes a room or a device out of service for a period (maintenance, repair): no times are offered with it then.</summary>
public static class TakeOutOfService
{
    public const string Room = "room";
    public const string Device = "device";

    public sealed class Command
    {
        /// <summary>A room's or a device's id.</summary>
        public Guid ResourceId { get; set; }

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
            RuleFor(c => c.ResourceId).NotEmpty().WithMessage("Choose a room or a device.");
            RuleFor(c => c.From).NotNull().WithMessage("Give the start date and time.");
            RuleFor(c => c.Until).NotNull().WithMessage("Give the end date and time.")
                .GreaterThan(c => c.From).When(c => c.From is not null).WithMessage("The end must be after the start.");
            RuleFor(c => c.Reason).MaximumLength(FieldLengths.ShortName).WithMessage($"A reason can be at most {FieldLengths.ShortName} characters.");
        }
    }

    public sealed class Handler(MicroSpaDbContext db, ClinicTimeZone zone, ILogger<Handler> logger)
    {
        /// <returns>Null when there is no such room or device.</returns>
        public async Task<Outcome?> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            var isRoom = await db.Rooms.AnyAsync(r => r.Id == command.ResourceId, cancellationToken);
            if (!isRoom && !await db.Devices.AnyAsync(d => d.Id == command.ResourceId, cancellationToken))
            {
                return null;
            }

            var start = Instant(command.From!.Value);
            var end = Instant(command.Until!.Value);
            if (start is null || end is null)
            {
                return Outcome.Fail(nameof(Command.From), "That time does not exist on the clinic's clock (the clocks change then).");
            }

            OutOfService period;
            try
            {
                period = isRoom
                    ? OutOfService.ForRoom(command.ResourceId, start.Value, end.Value, command.Reason)
                    : OutOfService.ForDevice(command.ResourceId, start.Value, end.Value, command.Reason);
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Field == nameof(OutOfService.EndsAt) ? nameof(Command.Until) : ex.Field ?? string.Empty, ex.Message);
            }

            db.OutOfService.Add(period);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("{Kind} {ResourceId} out of service from {Start} to {End}", isRoom ? Room : Device, command.ResourceId, period.StartsAt, period.EndsAt);
            return Outcome.Success;
        }

        private DateTimeOffset? Instant(DateTime local) => zone.ToInstant(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
    }
}
