using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>The page the desk moves an appointment from: its card, the providers and rooms to choose, a week of open times.</summary>
public static class ReschedulingPage
{
    public sealed record Query(Guid AppointmentId, DateOnly? Date, Guid? ProviderId, Guid? RoomId);

    public sealed class Handler(
        AppointmentCard.Handler cards, ServiceChoices.Handler choices, OpenTimes.Handler openTimes, ClinicTimeZone zone, IOptions<ClinicOptions> clinic)
    {
        /// <summary>Null when there is no such appointment (or its service is gone).</summary>
        public async Task<ReschedulePage?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            var id = query.AppointmentId;
            if (await cards.HandleAsync(id, cancellationToken) is not { } card || await choices.ForAsync(card.ServiceId, cancellationToken) is not { } service)
            {
                return null;
            }

            var from = query.Date ?? DateOnly.FromDateTime(card.LocalStart);
            var times = await openTimes.HandleAsync(
                new OpenTimes.Query(card.ServiceId, from, from.AddDays(6), query.ProviderId, id, ByStaff: true), cancellationToken);
            var hidden = new List<KeyValuePair<string, string>> { new("Version", card.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
            if (query.ProviderId is { } provider)
            {
                hidden.Add(new("ProviderId", provider.ToString()));
            }

            if (query.RoomId is { } room)
            {
                hidden.Add(new("RoomId", room.ToString()));
            }

            var grid = new TimeGrid(TimeGrid.Group(times?.Slots ?? [], from, from.AddDays(6), zone, clinic.Value.CultureInfo),
                $"/front-desk/appointments/{id}/reschedule", "post", hidden);
            return new ReschedulePage(card, service.Providers, await choices.RoomsAsync(cancellationToken), query.ProviderId, query.RoomId, from, grid);
        }
    }
}

public sealed record ReschedulePage(
    AppointmentCard.Result Card, IReadOnlyList<ServiceChoices.Option> Providers, IReadOnlyList<ServiceChoices.Option> Rooms,
    Guid? ProviderId, Guid? RoomId, DateOnly From, TimeGrid Grid);
