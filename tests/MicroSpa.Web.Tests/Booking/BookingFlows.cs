using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Clients;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Booking;

/// <summary>The booking steps as a client takes them, for the tests to compose.</summary>
internal static class BookingFlows
{
    /// <summary>A client with a confirmed portal account, signed in.</summary>
    public static async Task<(WebSession Session, Client Client)> SignedInClientAsync(
        MicroSpaAppFactory app, TestDatabase database, Func<WebSession> newSession, string first = "Olivia", string last = "Bennett")
    {
        var email = $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}.{Guid.NewGuid():N}@example.com";
        Client client;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"{first} {last}" };
            (await users.CreateAsync(user, AccountFlows.Password)).Succeeded.ShouldBeTrue();
            await users.AddToRoleAsync(user, Roles.Client);
            client = new Client(first, last, email, null, DateTimeOffset.UtcNow);
            client.LinkAccount(user.Id);
            await using var db = database.CreateContext();
            db.Clients.Add(client);
            await db.SaveChangesAsync();
        }

        var session = newSession();
        (await AccountFlows.SignInAsync(session, email)).Status.ShouldBe(HttpStatusCode.Redirect);
        return (session, client);
    }

    public static string CheckoutUrl(Guid serviceId, IEnumerable<Guid> areaIds, DateTimeOffset start, Guid? providerId = null) =>
        $"/book/checkout?serviceId={serviceId}&{string.Join("&", areaIds.Select(a => $"areaIds={a}"))}"
        + (providerId is { } p ? $"&providerId={p}" : string.Empty)
        + $"&start={Uri.EscapeDataString(TimeGrid.Format(start))}";

    /// <summary>Opens checkout for a time and continues; returns the draft's next page (redirect).</summary>
    public static async Task<Page> StartAsync(WebSession session, Guid serviceId, IEnumerable<Guid> areaIds, DateTimeOffset start, Guid? providerId = null)
    {
        var checkout = await session.GetAsync(CheckoutUrl(serviceId, areaIds, start, providerId));
        checkout.Status.ShouldBe(HttpStatusCode.OK);
        return await session.SubmitAsync(checkout, new Dictionary<string, string>(), "/book/checkout");
    }

    public static Dictionary<string, string> Answers(params string[] yes) =>
        TestClinic.ScreeningCodes.ToDictionary(code => $"Answers[{code}]", code => yes.Contains(code) ? "true" : "false");

    public static Guid DraftIdFrom(string location) => Guid.Parse(location.Split('/')[2]);

    /// <summary>Start → screening → consent: returns the draft id, ready to confirm.</summary>
    public static async Task<Guid> ReadyToConfirmAsync(WebSession session, Client client, Guid serviceId, IEnumerable<Guid> areaIds, DateTimeOffset start, Guid? providerId = null)
    {
        var started = await StartAsync(session, serviceId, areaIds, start, providerId);
        started.Location!.ShouldEndWith("/screening");
        var draftId = DraftIdFrom(started.Location!);
        (await session.SubmitAsync($"/book/{draftId}/screening", Answers())).Location.ShouldBe($"/book/{draftId}/consent");
        (await session.SubmitAsync($"/book/{draftId}/consent", new Dictionary<string, string> { ["TypedName"] = client.FullName }))
            .Location.ShouldBe($"/book/{draftId}/confirm");
        return draftId;
    }

    public static async Task<Page> ConfirmAsync(WebSession session, Guid draftId)
    {
        var page = await session.GetAsync($"/book/{draftId}/confirm");
        return await session.SubmitAsync(page, new Dictionary<string, string>(), $"/book/{draftId}/confirm");
    }
}
