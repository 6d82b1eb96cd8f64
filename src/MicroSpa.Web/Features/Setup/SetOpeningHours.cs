using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Setup;

/// <summary>The clinic's opening hours: one block a day, or closed. Times are offered only inside them.</summary>
public static class SetOpeningHours
{
    public sealed class DayHours
    {
        public DayOfWeek Day { get; set; }
        public TimeOnly? Opens { get; set; }
        public TimeOnly? Closes { get; set; }
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
                day.RuleFor(d => d.Closes).NotNull().When(d => d.Opens is not null).WithMessage("Give the closing time, or clear both for a closed day.");
                day.RuleFor(d => d.Opens).NotNull().When(d => d.Closes is not null).WithMessage("Give the opening time, or clear both for a closed day.");
                day.RuleFor(d => d.Closes).GreaterThan(d => d.Opens).When(d => d.Opens is not null && d.Closes is not null)
                    .WithMessage("Closing must be after opening.");
            });
        }
    }

    public sealed class Handler(MicroSpaDbContext db, ILogger<Handler> logger)
    {
        public async Task<Outcome> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            var policy = await db.BookingPolicies.SingleAsync(cancellationToken);
            try
            {
                policy.SetOpeningHours(command.Days.Where(d => d.Opens is not null && d.Closes is not null)
                    .Select(d => new WorkingHours(d.Day, d.Opens!.Value, d.Closes!.Value)));
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Message);
            }

            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Opening hours changed");
            return Outcome.Success;
        }
    }
}
