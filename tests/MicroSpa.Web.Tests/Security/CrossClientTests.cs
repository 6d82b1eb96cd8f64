using System.Net;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Booking;
using MicroSpa.Web.Tests.Infrastructure;

namespace MicroSpa.Web.Tests.Security;

/// <summary>
/// A client reaches only their own records: every client endpoint that takes an appointment or a booking
/// draft id (found in the access table, so new ones are covered) answers 404 when the id is another
/// client's, for reading and for changing alike, and changes nothing.
/// </summary>
public sealed class CrossClientTests(WebAppFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task Client_a_gets_404_for_every_appointment_and_draft_of_client_b()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var theirs = await clinic.BookAsync(Database, TestClinic.At(10));
        var (b, bClient) = await BookingFlows.SignedInClientAsync(App, Database, NewSession, "Bea", "Other");
        var draft = BookingFlows.DraftIdFrom((await BookingFlows.StartAsync(b, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(14))).Location!);
        var (a, _) = await BookingFlows.SignedInClientAsync(App, Database, NewSession, "Ada", "Mine");
        var token = await a.GetAsync("/my/appointments");

        var endpoints = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Security", "endpoint-access.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#') && l.EndsWith("| Client", StringComparison.Ordinal))
            .Select(l => l.Split(" | ")[0].Split(' '))
            .Where(p => p[1].Contains("/appointments/{id", StringComparison.Ordinal) || p[1].Contains("{draftId", StringComparison.Ordinal))
            .ToList();
        endpoints.Count.ShouldBeGreaterThan(12);

        var answers = new List<string>();
        foreach (var (method, pattern) in endpoints.Select(p => (p[0], p[1])))
        {
            var url = pattern.Replace("{id:guid}", theirs.Id.ToString(), StringComparison.Ordinal).Replace("{draftId:guid}", draft.ToString(), StringComparison.Ordinal);
            var page = method == "GET" ? await a.GetAsync(url) : await a.PostAsync(token, url, new Dictionary<string, string> { ["TypedName"] = "Ada Mine" });
            if (page.Status != HttpStatusCode.NotFound)
            {
                answers.Add($"{method} {url}: {(int)page.Status} {page.Location}");
            }
        }

        answers.ShouldBeEmpty();
        (await b.GetAsync($"/book/{draft}/screening")).Status.ShouldBe(HttpStatusCode.OK, "client B still has the draft");
        await using var db = Database.CreateContext();
        (await db.Appointments.FindAsync(theirs.Id))!.Status.ShouldBe(Domain.Scheduling.AppointmentStatus.Booked);
        bClient.Id.ShouldNotBe(clinic.Client.Id);
    }
}
