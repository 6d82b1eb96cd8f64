using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Plans;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Plans;
using MicroSpa.Web.Tests.Accounts;
using MicroSpa.Web.Tests.Booking;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace MicroSpa.Web.Tests.Charts;

public sealed class PhotoTests(WebAppFixture fixture) : WebTest(fixture)
{
    private const string Secret = "GPS-47.6062N-122.3321W-SECRET";

    private sealed record Setup(TestClinic Clinic, Guid ChartId, WebSession Maya);

    private async Task<Setup> ChartAsync(bool photoConsent = true)
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.At(10));
        await using (var db = Database.CreateContext())
        {
            var form = await db.ConsentForms.OrderByDescending(f => f.Version).FirstAsync();
            var client = await db.Clients.SingleAsync(c => c.Id == clinic.Client.Id);
            var signature = ConsentSignature.Sign(client, form, "Test Client", photoConsent, DateTimeOffset.UtcNow, "127.0.0.1", "tests");
            db.ConsentSignatures.Add(signature);
            var saved = await db.Appointments.SingleAsync(a => a.Id == appointment.Id);
            saved.CheckIn(DateTimeOffset.UtcNow);
            saved.RecordCheckInConsent(signature);
            await db.SaveChangesAsync();
        }

        var email = $"maya.{Guid.NewGuid():N}@clinic.test";
        var maya = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Esthetician, email);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
            await using var db = Database.CreateContext();
            (await db.Providers.SingleAsync(p => p.Id == clinic.Esthetician.Id)).LinkAccount(user!.Id);
            await db.SaveChangesAsync();
        }

        var day = await maya.GetAsync($"/provider?date={TestClinic.Day:yyyy-MM-dd}");
        var opened = await maya.SubmitAsync(day, new Dictionary<string, string>(), $"/provider/appointments/{appointment.Id}/chart");
        return new Setup(clinic, Guid.Parse(opened.Location!.Split('/')[^1]), maya);
    }

    /// <summary>A real JPEG with an APP1 (EXIF) segment carrying a made-up location.</summary>
    private static byte[] JpegWithLocation(int width = 40, int height = 30)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(new SKColor(200, 120, 90));
        using var image = SKImage.FromBitmap(bitmap);
        var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();
        var payload = Encoding.ASCII.GetBytes("Exif\0\0" + Secret);
        var length = payload.Length + 2;
        return [.. jpeg[..2], 0xFF, 0xE1, (byte)(length >> 8), (byte)(length & 0xFF), .. payload, .. jpeg[2..]];
    }

    private static async Task<Page> UploadAsync(WebSession session, Setup s, byte[] bytes, string fileName, Guid? areaId = null, string kind = "Before")
    {
        var chart = await session.GetAsync($"/provider/charts/{s.ChartId}");
        var token = chart.Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent((areaId ?? s.Clinic.Cheeks.Id).ToString()), "areaId" },
            { new StringContent(kind), "kind" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        content.Add(file, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/provider/charts/{s.ChartId}/photos") { Content = content };
        request.Headers.Accept.ParseAdd("text/html");
        return await Page.ReadAsync(await session.Client.SendAsync(request));
    }

    [Fact]
    public async Task An_uploaded_photo_is_stored_without_its_metadata_and_shown_only_to_clinicians_and_its_client()
    {
        var s = await ChartAsync();
        using var maya = s.Maya;
        var original = JpegWithLocation();
        Encoding.ASCII.GetString(original).ShouldContain(Secret);

        var uploaded = await UploadAsync(maya, s, original, "cheek.jpg");

        uploaded.Location.ShouldBe($"/provider/charts/{s.ChartId}");
        (await maya.FollowAsync(uploaded)).Text.ShouldContain("Photo saved (its metadata removed).");
        await using var db = Database.CreateContext();
        var photo = await db.Photos.SingleAsync();
        var stored = (await db.PhotoContents.SingleAsync()).Bytes;
        Encoding.ASCII.GetString(stored).ShouldNotContain(Secret);
        SKBitmap.Decode(stored).Width.ShouldBe(40);

        var served = await maya.Client.GetAsync($"/photos/{photo.Id}");
        served.StatusCode.ShouldBe(HttpStatusCode.OK);
        served.Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg");
        (await served.Content.ReadAsByteArrayAsync()).ShouldBe(stored);

        var (other, _) = await BookingFlows.SignedInClientAsync(App, Database, NewSession, "Eve", "Other");
        (await other.Client.GetAsync($"/photos/{photo.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        // The front desk has no business with photos: it is turned away before any photo is looked up.
        (await desk.GetAsync($"/photos/{photo.Id}")).Location!.ShouldContain("/account/access-denied");
        (await NewSession().Client.GetAsync($"/photos/{photo.Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await db.AuditEntries.CountAsync(a => a.Action == Photos.ViewAction)).ShouldBe(1);
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_a_file_too_large_and_a_visit_without_photo_consent_are_refused()
    {
        var s = await ChartAsync();
        using var maya = s.Maya;

        var text = await UploadAsync(maya, s, Encoding.UTF8.GetBytes("not a picture at all"), "looks-like.jpg");
        (await maya.FollowAsync(text)).Text.ShouldContain("Only JPEG or PNG photos (this file is neither, whatever its name).");
        var huge = new byte[Photo.MaxBytes + 1];
        huge[0] = 0xFF; huge[1] = 0xD8; huge[2] = 0xFF;
        var tooLarge = await UploadAsync(maya, s, huge, "huge.jpg");
        (await maya.FollowAsync(tooLarge)).Text.ShouldContain("A photo is at most 10 MB.");
        var otherArea = await UploadAsync(maya, s, JpegWithLocation(), "x.jpg", Guid.NewGuid());
        (await maya.FollowAsync(otherArea)).Text.ShouldContain("Choose an area of this session.");

        await using var db = Database.CreateContext();
        (await db.Photos.CountAsync()).ShouldBe(0);
        (await db.PhotoContents.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Without_photo_consent_no_photo_is_taken()
    {
        var s = await ChartAsync(photoConsent: false);
        using var maya = s.Maya;

        var refused = await UploadAsync(maya, s, JpegWithLocation(), "cheek.jpg");

        (await maya.FollowAsync(refused)).Text.ShouldContain("The client has not agreed to photos for this visit.");
        await using var db = Database.CreateContext();
        (await db.Photos.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Two_photos_of_one_area_are_compared_side_by_side()
    {
        var s = await ChartAsync();
        using var maya = s.Maya;
        await UploadAsync(maya, s, JpegWithLocation(), "before.jpg");
        await UploadAsync(maya, s, JpegWithLocation(60, 40), "after.jpg", kind: "After");
        await using var db = Database.CreateContext();
        var ids = await db.Photos.OrderBy(p => p.TakenAt).Select(p => p.Id).ToListAsync();

        var compare = await maya.GetAsync($"/photos/compare?left={ids[0]}&right={ids[1]}");

        compare.Status.ShouldBe(HttpStatusCode.OK);
        compare.Document.QuerySelectorAll(".compare img").Length.ShouldBe(2);
        (await maya.GetAsync($"/photos/compare?left={ids[0]}&right={Guid.NewGuid()}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }
}
