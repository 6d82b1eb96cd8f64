using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace MicroSpa.StripeStandIn;

/// <summary>
/// The stand-in's hosted payment page (Stripe Checkout's place): the client types a test card, authenticates when the
/// card asks, and goes back to the clinic's success_url; a decline says so and the session stays open for another card.
/// </summary>
public static class HostedPage
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/pay/{id}", (string id, Store store) => Page(store, id, null));
        app.MapPost("/pay/{id}", async (string id, HttpRequest request, Store store) =>
        {
            var form = await request.ReadFormAsync();
            if (form["cancel"] == "1")
            {
                var cancel = (string?)SafeGet(store, id)?["cancel_url"];
                return cancel is null ? Page(store, id, "This payment cannot be cancelled here.") : Results.Redirect(cancel);
            }

            var card = TestCard.From(form["number"]);
            if (card is null)
            {
                return Page(store, id, "Your card number is invalid.");
            }

            if (!TryExpiry(form["expiry"], out var month, out var year))
            {
                return Page(store, id, "Your card's expiration date is incomplete.");
            }

            if (card.Behaviour is CardBehaviour.AsksForAuthentication && form["authenticated"] is not ["yes" or "no"])
            {
                return Authenticate(id, form["number"].ToString(), form["expiry"].ToString());
            }

            try
            {
                var session = CheckoutSessions.Complete(store, id, card, month, year, authenticated: form["authenticated"] == "yes");
                return Results.Redirect(((string)session["success_url"]!).Replace("{CHECKOUT_SESSION_ID}", id, StringComparison.Ordinal));
            }
            catch (StripeError e)
            {
                return Page(store, id, e.Code == "card_declined" ? "Your card was declined. Try another card." : e.Message);
            }
        });
    }

    private static JsonObject? SafeGet(Store store, string id)
    {
        try
        {
            return store.Get(id, "checkout.session");
        }
        catch (StripeError)
        {
            return null;
        }
    }

    private static bool TryExpiry(string? typed, out int month, out int year)
    {
        month = year = 0;
        var parts = (typed ?? string.Empty).Split('/', StringSplitOptions.TrimEntries);
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out month) && month is >= 1 and <= 12
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out year) && (year = year < 100 ? 2000 + year : year) is >= 2000 and <= 2100;
    }

    private static IResult Page(Store store, string id, string? error)
    {
        var session = SafeGet(store, id);
        if (session is null)
        {
            return Html("Something went wrong", "<p>The page you were looking for could not be found.</p>", 404);
        }

        if ((string?)session["status"] != "open")
        {
            return Html("This page has expired", $"<p id=\"session-state\">This checkout session is {E((string?)session["status"])}.</p>", 410);
        }

        var setup = (string?)session["mode"] == "setup";
        var amount = setup ? null : $"{((long)session["amount_total"]! / 100m).ToString("0.00", CultureInfo.InvariantCulture)} {((string)session["currency"]!).ToUpperInvariant()}";
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<p id=\"what\">{(setup ? "Save a card for later payments" : $"Pay <strong id=\"amount\">{amount}</strong>")}</p>");
        if (error is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p role=\"alert\" id=\"card-error\" class=\"error\">{E(error)}</p>");
        }

        body.Append(CultureInfo.InvariantCulture, $"""
            <form method="post" action="/pay/{E(id)}">
              <label for="number">Card number</label>
              <input id="number" name="number" inputmode="numeric" autocomplete="cc-number" placeholder="1234 1234 1234 1234">
              <label for="expiry">Expiry (MM / YY)</label>
              <input id="expiry" name="expiry" inputmode="numeric" autocomplete="cc-exp" placeholder="MM / YY">
              <label for="cvc">CVC</label>
              <input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" placeholder="CVC">
              <button type="submit" id="submit">{(setup ? "Save card" : "Pay")}</button>
            </form>
            <form method="post" action="/pay/{E(id)}"><input type="hidden" name="cancel" value="1"><button type="submit" id="cancel" class="link">Back to the clinic</button></form>
            """);
        return Html(setup ? "Save your card" : "Pay your deposit", body.ToString(), 200);
    }

    private static IResult Authenticate(string id, string number, string expiry) => Html("Authenticate your payment", $"""
        <p id="challenge">Your bank asks you to confirm this payment (test: choose an answer).</p>
        <form method="post" action="/pay/{E(id)}">
          <input type="hidden" name="number" value="{E(number)}"><input type="hidden" name="expiry" value="{E(expiry)}">
          <button type="submit" name="authenticated" value="yes" id="authenticate-complete">Complete authentication</button>
          <button type="submit" name="authenticated" value="no" id="authenticate-fail">Fail authentication</button>
        </form>
        """, 200);

    private static IResult Html(string title, string body, int status) => Results.Content($$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{E(title)}} · Stripe stand-in</title>
        <style>body{font-family:sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}label,input,button{display:block;width:100%;margin:.4rem 0;font-size:1rem}input{padding:.5rem}button{padding:.6rem}.error{color:#a00}.link{background:none;border:none;color:#225;text-decoration:underline}</style>
        </head><body><main><h1>{{E(title)}}</h1><p class="test-mode">Test mode: no real card is charged.</p>{{body}}</main></body></html>
        """, "text/html; charset=utf-8", Encoding.UTF8, status);

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}
