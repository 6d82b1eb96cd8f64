using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;

namespace MicroSpa.Web.Tests.Api;

public sealed class PublicApiTests(WebAppFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task Lists_the_bookable_services_with_their_areas()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var client = App.CreateClient();

        var services = await client.GetFromJsonAsync<JsonElement>("/api/v1/services");

        var facial = services.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "Microneedling — face");
        facial.GetProperty("durationMinutes").GetInt32().ShouldBe(60);
        facial.GetProperty("price").GetDecimal().ShouldBe(350m);
        facial.GetProperty("areas")[0].GetProperty("id").GetGuid().ShouldBe(clinic.Cheeks.Id);
    }

    [Fact]
    public async Task Availability_gives_instants_with_the_clinics_offset()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var client = App.CreateClient();

        var result = await client.GetFromJsonAsync<JsonElement>(
            $"/api/v1/availability?serviceId={clinic.Facial.Id}&from={TestClinic.Day:yyyy-MM-dd}&to={TestClinic.Day.AddDays(1):yyyy-MM-dd}");

        result.GetProperty("timeZone").GetString().ShouldBe("America/New_York");
        var first = result.GetProperty("slots")[0];
        var start = first.GetProperty("start").GetString()!;
        DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(TestClinic.At(8));
        start.ShouldEndWith(TestClinic.Zone.Zone.GetUtcOffset(TestClinic.At(8)).Hours.ToString("00", System.Globalization.CultureInfo.InvariantCulture) + ":00");
        first.GetProperty("providerIds").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task A_booking_takes_its_time_out_of_the_kept_api_answer_at_once()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var client = App.CreateClient();
        var url = $"/api/v1/availability?serviceId={clinic.Facial.Id}&from={TestClinic.Day:yyyy-MM-dd}&to={TestClinic.Day:yyyy-MM-dd}";
        static List<Guid> ProvidersAt(JsonElement result, DateTimeOffset at) => result.GetProperty("slots").EnumerateArray()
            .Where(s => DateTimeOffset.Parse(s.GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture) == at)
            .SelectMany(s => s.GetProperty("providerIds").EnumerateArray().Select(p => p.GetGuid())).ToList();
        ProvidersAt(await client.GetFromJsonAsync<JsonElement>(url), TestClinic.At(10)).ShouldContain(clinic.Esthetician.Id);
        // Asked again: the kept answer (the website asks often).
        ProvidersAt(await client.GetFromJsonAsync<JsonElement>(url), TestClinic.At(10)).ShouldContain(clinic.Esthetician.Id);

        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Data.Identity.Roles.FrontDesk);
        var form = await desk.GetAsync($"/front-desk/book?clientId={clinic.Client.Id}&serviceId={clinic.Facial.Id}&areaIds={clinic.Cheeks.Id}&date={TestClinic.Day:yyyy-MM-dd}");
        var booked = await desk.PostAsync(form, "/front-desk/book", new Dictionary<string, string>
        {
            ["ClientId"] = clinic.Client.Id.ToString(), ["ServiceId"] = clinic.Facial.Id.ToString(), ["AreaIds"] = clinic.Cheeks.Id.ToString(),
            ["ProviderId"] = clinic.Esthetician.Id.ToString(), ["start"] = Features.Shared.TimeGrid.Format(TestClinic.At(10)),
        });
        booked.Location.ShouldStartWith("/front-desk/appointments/");

        ProvidersAt(await client.GetFromJsonAsync<JsonElement>(url), TestClinic.At(10)).ShouldNotContain(clinic.Esthetician.Id);
    }

    [Theory]
    [InlineData("serviceId={service}&from=2030-01-10&to=2030-01-09", "to")]
    [InlineData("serviceId={service}&from=2030-01-01&to=2030-03-01", "to")]
    [InlineData("serviceId={service}&from=yesterday&to=2030-01-02", "from")]
    [InlineData("serviceId=not-a-guid&from=2030-01-01&to=2030-01-02", "serviceId")]
    [InlineData("serviceId=00000000-0000-0000-0000-000000000001&from=2030-01-01&to=2030-01-02", "serviceId")]
    [InlineData("from=2030-01-01&to=2030-01-02", "serviceId")]
    public async Task Bad_parameters_get_400_with_a_problem_body_naming_the_parameter(string query, string parameter)
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var client = App.CreateClient();

        var response = await client.GetAsync("/api/v1/availability?" + query.Replace("{service}", clinic.Facial.Id.ToString(), StringComparison.Ordinal));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldContain(n => n.Equals(parameter, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Too_many_requests_get_429()
    {
        await using var limited = App.WithWebHostBuilder(b => b.UseSetting("RateLimits:PublicApiPerMinute", "3"));
        using var client = limited.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.GetAsync("/api/v1/services")).StatusCode);
        }

        statuses.Take(3).ShouldAllBe(s => s == HttpStatusCode.OK);
        statuses.Last().ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task The_api_is_described_by_an_openapi_document()
    {
        using var client = App.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/v1/availability");
        paths.ShouldContain("/api/v1/services");
        paths.ShouldAllBe(p => p.StartsWith("/api/", StringComparison.Ordinal));
    }
}
