using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

public sealed class BadInputJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_script_typed_as_a_name_is_shown_as_text_and_never_runs()
    {
        await TestClinic.CreateAsync(Fixture.Database);
        var desk = await SignedInAsync(Roles.FrontDesk);
        var dialogs = 0;
        desk.Dialog += async (_, dialog) =>
        {
            dialogs++;
            await dialog.DismissAsync();
        };

        await desk.GotoAsync("/front-desk/clients");
        await desk.GetByLabel("First name", new() { Exact = true }).FillAsync("<script>window.xss = 1; alert('x')</script>");
        await desk.GetByLabel("Last name", new() { Exact = true }).FillAsync("<img src=x onerror=\"window.xss = 2\">");
        await desk.GetByLabel("Phone", new() { Exact = true }).FillAsync("555 0100");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Add the client and book" }).ClickAsync();
        await desk.WaitForURLAsync("**/front-desk/book?**");

        await desk.GotoAsync("/front-desk/clients?q=script");
        var listed = desk.Locator("main").GetByText("<script>window.xss = 1; alert('x')</script>", new() { Exact = false });
        await listed.First.WaitForAsync();
        await listed.First.ClickAsync();
        await desk.WaitForURLAsync("**/front-desk/clients/**");
        (await desk.Locator("h1").InnerTextAsync()).ShouldContain("<script>");
        (await desk.EvaluateAsync<bool>("() => typeof window.xss === 'undefined'")).ShouldBeTrue();
        dialogs.ShouldBe(0);
    }
}
