using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Booking;

/// <summary>The pages a visitor books from: the service's areas and providers to choose, then a week of open times.</summary>
public static class BookingTimes
{
    public const int DaysShown = 7;

    public sealed record Query(Guid ServiceId, IReadOnlyList<Guid> AreaIds, Guid? ProviderId, DateOnly? Date);

    /// <summary>The week of times, or (<see cref="Times"/> null) the choice again with why (<see cref="Outcome"/>).</summary>
    public sealed record Result(ServiceChoicePage Choice, TimesPage? Times, Outcome Outcome);

    public sealed class Handler(
        ServiceChoices.Handler choices, OpenTimes.Handler openTimes, ClinicTimeZone zone, IOptions<ClinicOptions> clinic, TimeProvider clock)
    {
        /// <summary>
        /// The choice of areas and provider, from today, with the service's own areas (those the clinic set on it) already
        /// ticked, so "Show open times" works at once; the client unticks what they do not want. Null when the service is not offered.
        /// </summary>
        public async Task<ServiceChoicePage?> ChoiceAsync(Guid serviceId, CancellationToken cancellationToken) =>
            await choices.ForAsync(serviceId, cancellationToken) is { } service
                ? new ServiceChoicePage(service, service.Areas.Select(a => a.Id).ToList(), null, zone.Today(clock.GetUtcNow()))
                : null;

        /// <summary>Null when the service is not offered.</summary>
        public async Task<Result?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            if (await choices.ForAsync(query.ServiceId, cancellationToken) is not { } service)
            {
                return null;
            }

            var today = zone.Today(clock.GetUtcNow());
            var from = query.Date is { } chosen && chosen >= today ? chosen : today;
            var areaIds = query.AreaIds.Where(id => service.Areas.Any(a => a.Id == id)).Distinct().ToList();
            var choice = new ServiceChoicePage(service, areaIds, query.ProviderId, from);
            if (Service.LacksAreas(service.Kind, areaIds))
            {
                return new Result(choice, null, Outcome.Fail("areaIds", Service.AreasRequired));
            }

            var to = from.AddDays(DaysShown - 1);
            var result = await openTimes.HandleAsync(new OpenTimes.Query(query.ServiceId, from, to, query.ProviderId), cancellationToken);
            var hidden = new List<KeyValuePair<string, string>> { new("serviceId", query.ServiceId.ToString()) };
            hidden.AddRange(areaIds.Select(a => new KeyValuePair<string, string>("areaIds", a.ToString())));
            if (query.ProviderId is { } provider)
            {
                hidden.Add(new("providerId", provider.ToString()));
            }

            var grid = new TimeGrid(TimeGrid.Group(result?.Slots ?? [], from, to, zone, clinic.Value.CultureInfo), "/book/checkout", "get", hidden);
            return new Result(choice, new TimesPage(service, areaIds, query.ProviderId, from, grid), Outcome.Success);
        }
    }
}

public sealed record ServiceChoicePage(ServiceChoices.Result Service, IReadOnlyList<Guid> AreaIds, Guid? ProviderId, DateOnly Date);

public sealed record TimesPage(ServiceChoices.Result Service, IReadOnlyList<Guid> AreaIds, Guid? ProviderId, DateOnly From, TimeGrid Grid);
