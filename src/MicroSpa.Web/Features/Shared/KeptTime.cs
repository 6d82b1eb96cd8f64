using System.Globalization;
using MicroSpa.Domain.Scheduling;
using Microsoft.AspNetCore.WebUtilities;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// The time a visitor chose before signing in, read back from the address they return to (the checkout link,
/// <c>/book/checkout?serviceId=…&amp;areaIds=…&amp;providerId=…&amp;start=…</c>): the sign-in, create-account and
/// check-your-email pages show it, so the client knows why they are asked and that the choice is not lost.
/// Nothing is reserved: the time is checked again when they come back, and booked only when they confirm.
/// </summary>
public static class KeptTime
{
    public const string CheckoutPath = "/book/checkout";

    public sealed record Result(string ServiceName, IReadOnlyList<string> Areas, string? ProviderName, DateTime LocalStart, bool StillOpen);

    /// <summary>How far ahead a kept time may be and still be shown (well past any booking horizon a clinic sets).</summary>
    public static readonly TimeSpan FurthestAhead = TimeSpan.FromDays(400);

    public sealed class Handler(ServiceChoices.Handler choices, AssignedProvider.Handler assigned, ClinicTimeZone zone, TimeProvider clock)
    {
        /// <returns>Null when the address is not a chosen time (any other page, a broken or foreign link, a retired service).</returns>
        public async Task<Result?> HandleAsync(string? returnUrl, CancellationToken cancellationToken)
        {
            // A start far in the past or future is no time anyone chose (and the calendar arithmetic of the open times would
            // run off the end of the calendar at 9999-12-31).
            var now = clock.GetUtcNow();
            if (Read(returnUrl) is not { } chosen || chosen.Start < now.AddDays(-1) || chosen.Start > now + FurthestAhead
                || await choices.ForAsync(chosen.ServiceId, cancellationToken) is not { } service)
            {
                return null;
            }

            var areas = service.Areas.Where(a => chosen.AreaIds.Contains(a.Id)).Select(a => a.Name).ToList();
            var found = await assigned.HandleAsync(chosen.ServiceId, chosen.ProviderId, chosen.Start, cancellationToken);
            var named = chosen.ProviderId is { } wanted ? service.Providers.FirstOrDefault(p => p.Id == wanted)?.Name : null;
            return new Result(service.ServiceName, areas, named ?? found?.Name, zone.ToLocal(chosen.Start), found is not null);
        }

        private sealed record Chosen(Guid ServiceId, IReadOnlyList<Guid> AreaIds, Guid? ProviderId, DateTimeOffset Start);

        private static Chosen? Read(string? returnUrl)
        {
            if (string.IsNullOrEmpty(returnUrl) || returnUrl.Length > 2000)
            {
                return null;
            }

            var mark = returnUrl.IndexOf('?', StringComparison.Ordinal);
            if (mark < 0 || !string.Equals(returnUrl[..mark], CheckoutPath, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var query = QueryHelpers.ParseQuery(returnUrl[mark..]);
            if (!Guid.TryParse(Value(query, "serviceId"), out var serviceId)
                || !DateTimeOffset.TryParse(Value(query, "start"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start))
            {
                return null;
            }

            var areaIds = Values(query, "areaIds").Select(v => Guid.TryParse(v, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
            Guid? providerId = Guid.TryParse(Value(query, "providerId"), out var provider) ? provider : null;
            return new Chosen(serviceId, areaIds, providerId, start);
        }

        private static string? Value(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> query, string key) =>
            Values(query, key).FirstOrDefault();

        /// <summary>Keys as a form or the model binder reads them: any case ("ServiceId" from the checkout form, "serviceId" from the grid).</summary>
        private static IEnumerable<string?> Values(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> query, string key) =>
            query.Where(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).SelectMany(p => p.Value);
    }
}

/// <summary>The kept time as the sign-in, create-account and check-your-email pages show it (<c>_KeptTime</c>).</summary>
public sealed record KeptTimeView(KeptTime.Result Time, bool AfterRegistering = false);

/// <summary>The account pages put the kept time, when their return address is one, where <c>_KeptTime</c> finds it.</summary>
public static class KeptTimePages
{
    public const string Key = "KeptTime";

    public static async Task ShowKeptTimeAsync(
        this Microsoft.AspNetCore.Mvc.Controller controller, KeptTime.Handler kept, string? returnUrl, CancellationToken cancellationToken, bool afterRegistering = false)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(kept);
        if (await kept.HandleAsync(returnUrl, cancellationToken) is { } time)
        {
            controller.ViewData[Key] = new KeptTimeView(time, afterRegistering);
        }
    }
}
