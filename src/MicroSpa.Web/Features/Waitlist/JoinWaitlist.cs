using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Waitlist;

/// <summary>A client (online, or by phone through the front desk) waits for a time that suits them.</summary>
public static class JoinWaitlist
{
    public sealed class Command
    {
        public Guid ServiceId { get; set; }
        public List<Guid> AreaIds { get; set; } = [];
        public Guid? ProviderId { get; set; }
        public List<DayOfWeek> Days { get; set; } = [];

        [Display(Name = "Earliest start")]
        public TimeOnly? EarliestStart { get; set; }

        [Display(Name = "Latest start")]
        public TimeOnly? LatestStart { get; set; }

        [Display(Name = "Stop looking after (optional)")]
        public DateOnly? Until { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ServiceId).NotEmpty().WithMessage("Choose a service.");
            RuleFor(c => c.Days).NotEmpty().WithMessage("Choose at least one day that suits you.");
            RuleFor(c => c.Days).Must(days => days.All(Enum.IsDefined)).WithMessage("Choose days of the week.");
            RuleFor(c => c.EarliestStart).NotNull().WithMessage("Enter the earliest start time that suits you.");
            RuleFor(c => c.LatestStart).NotNull().WithMessage("Enter the latest start time that suits you.");
            RuleFor(c => c.LatestStart).GreaterThanOrEqualTo(c => c.EarliestStart)
                .When(c => c.EarliestStart is not null && c.LatestStart is not null)
                .WithMessage("The latest start time must not be before the earliest.");
        }
    }

    public sealed class Handler(MicroSpaDbContext db, MergedClients.Handler merged, ClinicTimeZone zone, TimeProvider clock, ILogger<Handler> logger)
    {
        public async Task<Outcome<Guid>> HandleAsync(Guid clientId, Command command, CancellationToken cancellationToken)
        {
            if (await merged.RefusalAsync(clientId, cancellationToken) is { } refused)
            {
                return refused.AsOutcome();
            }

            var service = await db.Services.Include(s => s.BodyAreas).SingleOrDefaultAsync(s => s.Id == command.ServiceId, cancellationToken);
            if (service is null)
            {
                return Outcome.Fail(nameof(Command.ServiceId), "Choose a service.");
            }

            if (command.ProviderId is { } providerId
                && !await db.Providers.AnyAsync(p => p.Id == providerId && p.Bookable, cancellationToken))
            {
                return Outcome.Fail(nameof(Command.ProviderId), "Choose a provider from the list.");
            }

            var now = clock.GetUtcNow();
            WaitlistEntry entry;
            try
            {
                entry = WaitlistEntry.Join(clientId, service, command.AreaIds, command.ProviderId,
                    command.Days.Aggregate(WeekDays.None, (all, day) => all | day.ToWeekDays()),
                    command.EarliestStart!.Value, command.LatestStart!.Value, command.Until, zone.Today(now), now);
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Field ?? string.Empty, ex.Message);
            }

            db.WaitlistEntries.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Waitlist entry {EntryId} added for service {ServiceId}", entry.Id, entry.ServiceId);
            return Outcome<Guid>.Done(entry.Id);
        }
    }
}
