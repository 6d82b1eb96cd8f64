using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>The page the desk books a client from: the services, then the chosen service's open times for a week.</summary>
public static class DeskBookingPage
{
    public sealed record Query(
        Guid ClientId, Guid? ServiceId, IReadOnlyList<Guid> AreaIds, Guid? ProviderId, DateOnly? Date, bool IntervalRefused, bool OverrideInterval);

    public sealed class Handler(
        ClientSummary.Handler clients, ServiceChoices.Handler choices, OpenTimes.Handler openTimes, ClinicTimeZone zone, TimeProvider clock,
        IOptions<ClinicOptions> clinic)
    {
        /// <summary>Null when there is no such client.</summary>
        public async Task<BookPage?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            if (await clients.ByIdAsync(query.ClientId, cancellationToken) is not { } client)
            {
                return null;
            }

            var services = await choices.AllAsync(cancellationToken);
            var service = services.SingleOrDefault(s => s.ServiceId == query.ServiceId);
            var from = query.Date ?? zone.Today(clock.GetUtcNow());
            var areaIds = query.AreaIds;
            TimeGrid? grid = null;
            if (service is not null)
            {
                areaIds = areaIds.Where(a => service.Areas.Any(x => x.Id == a)).ToList();
                var times = await openTimes.HandleAsync(
                    new OpenTimes.Query(service.ServiceId, from, from.AddDays(6), query.ProviderId, ByStaff: true), cancellationToken);
                var hidden = new List<KeyValuePair<string, string>> { new("ClientId", query.ClientId.ToString()), new("ServiceId", service.ServiceId.ToString()) };
                hidden.AddRange(areaIds.Select(a => new KeyValuePair<string, string>("AreaIds", a.ToString())));
                if (query.ProviderId is { } provider)
                {
                    hidden.Add(new("ProviderId", provider.ToString()));
                }

                if (query.OverrideInterval)
                {
                    hidden.Add(new("OverrideInterval", "true"));
                }

                grid = new TimeGrid(
                    TimeGrid.Group(times?.Slots ?? [], from, from.AddDays(6), zone, clinic.Value.CultureInfo), "/front-desk/book", "post", hidden);
            }

            return new BookPage(client, services, service, areaIds, query.ProviderId, from, grid)
            {
                IntervalRefused = query.IntervalRefused,
                OverrideInterval = query.OverrideInterval,
            };
        }
    }
}

public sealed record BookPage(
    ClientSummary.Item Client, IReadOnlyList<ServiceChoices.Result> Services, ServiceChoices.Result? Service, IReadOnlyList<Guid> AreaIds,
    Guid? ProviderId, DateOnly From, TimeGrid? Grid)
{
    /// <summary>The last attempt was refused for the protocol interval: offer to book anyway.</summary>
    public bool IntervalRefused { get; init; }

    /// <summary>Times picked now are booked inside the protocol interval (a provider approved).</summary>
    public bool OverrideInterval { get; init; }
}
