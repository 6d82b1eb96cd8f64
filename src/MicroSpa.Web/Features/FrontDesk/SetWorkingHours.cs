using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>Replaces a provider's regular week: up to two blocks a day (a break between them).</summary>
public static class SetWorkingHours
{
    public sealed class DayHours
    {
        public DayOfWeek Day { get; set; }
        public TimeOnly? Start1 { get; set; }
        public TimeOnly? End1 { get; set; }
        public TimeOnly? Start2 { get; set; }
        public TimeOnly? End2 { get; set; }
    }

    public sealed class Command
    {
        public List<DayHours> Days { get; set; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Days).Must(d => d.Count <= 7 && d.Select(x => x.Day).Distinct().Count() == d.Count)
                .WithMessage("Each day of the week once.");
            RuleForEach(c => c.Days).ChildRules(day =>
            {
                day.RuleFor(d => d.End1).NotNull().When(d => d.Start1 is not null).WithMessage("Give an end time.");
                day.RuleFor(d => d.Start1).NotNull().When(d => d.End1 is not null).WithMessage("Give a start time.");
                day.RuleFor(d => d.End1).GreaterThan(d => d.Start1).When(d => d.Start1 is not null && d.End1 is not null)
                    .WithMessage("The end must be after the start.");
                day.RuleFor(d => d.End2).NotNull().When(d => d.Start2 is not null).WithMessage("Give an end time.");
                day.RuleFor(d => d.Start2).NotNull().When(d => d.End2 is not null).WithMessage("Give a start time.");
                day.RuleFor(d => d.Start2).GreaterThanOrEqualTo(d => d.End1).When(d => d.Start2 is not null && d.End1 is not null)
                    .WithMessage("The second block starts after the first ends.");
                day.RuleFor(d => d.End2).GreaterThan(d => d.Start2).When(d => d.Start2 is not null && d.End2 is not null)
                    .WithMessage("The end must be after the start.");
            });
        }
    }

    public sealed class Handler(MicroSpaDbContext db, ILogger<Handler> logger)
    {
        /// <returns>Null when there is no such provider.</returns>
        public async Task<Outcome?> HandleAsync(Guid providerId, Command command, CancellationToken cancellationToken)
        {
            var provider = await db.Providers.SingleOrDefaultAsync(p => p.Id == providerId, cancellationToken);
            if (provider is null)
            {
                return null;
            }

            var hours = new List<WorkingHours>();
            try
            {
                foreach (var day in command.Days)
                {
                    if (day is { Start1: { } s1, End1: { } e1 })
                    {
                        hours.Add(new WorkingHours(day.Day, s1, e1));
                    }

                    if (day is { Start2: { } s2, End2: { } e2 })
                    {
                        hours.Add(new WorkingHours(day.Day, s2, e2));
                    }
                }

                provider.SetWorkingHours(hours);
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Message);
            }

            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Working hours of provider {ProviderId} changed", providerId);
            return Outcome.Success;
        }
    }
}
