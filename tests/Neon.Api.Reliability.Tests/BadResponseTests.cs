using Neon.Api.Pipeline;
using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Neon.Api.Reliability.Tests.Infrastructure;
using Newtonsoft.Json;
using NUnit.Framework;
using RichardSzalay.MockHttp;

namespace Neon.Api.Reliability.Tests;

/// <summary>
/// Responses the client cannot use: each must become a <see cref="NeonResponseFormatException"/> with the status and
/// a bounded snippet, never a parser exception, never a hang.
/// </summary>
public class BadResponseTests
{
    private const string Html = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>";

    public static readonly object[] BadBodies =
    [
        new object[] { "empty body", "", "application/json", "an empty body" },
        new object[] { "white space body", "  \r\n ", "application/json", "an empty body" },
        new object[] { "HTML page as text/html", Html, "text/html", "a body that is not JSON (content type 'text/html')" },
        new object[] { "HTML page labelled JSON", Html, "application/json", "malformed or truncated JSON" },
        new object[] { "truncated JSON", "{\"project\":{\"id\":\"p1\",\"name\":\"x", "application/json", "malformed or truncated JSON" },
        new object[] { "XML as application/xml", "<error><code>E</code></error>", "application/xml", "a body that is not JSON (content type 'application/xml')" },
        new object[] { "plain text error under 200", "Service temporarily unavailable", "text/plain", "a body that is not JSON (content type 'text/plain')" },
        new object[] { "error body under 200", "{\"code\":\"ERR\",\"message\":\"nope\",\"request_id\":\"r-1\"}", "application/json", "an error body (code 'ERR': nope)" },
        new object[] { "not JSON at all", "OK", "application/json", "malformed or truncated JSON" },
        new object[] { "array instead of object", "[1,2,3]", "application/json", "a JSON array where an object (CreatedBranch) was expected" },
        new object[] { "trailing garbage", "{\"project\":{}} <html>", "application/json", "malformed or truncated JSON" },
        new object[] { "literal null", "null", "application/json", "a JSON null" },
        new object[] { "deeply nested", new string('[', 5000) + new string(']', 5000), "application/json", "malformed or truncated JSON" },
        new object[] { "unterminated string", "{\"a\":\"", "application/json", "malformed or truncated JSON" },
    ];

    [TestCaseSource(nameof(BadBodies))]
    public async Task A_bad_success_body_is_a_NeonResponseFormatException(string name, string body, string mediaType, string problem)
    {
        using var harness = new SenderHarness();
        harness.Mock.When(SenderHarness.Url("/projects/p1")).Respond(HttpStatusCode.OK, mediaType, body);

        var error = await FaultLedger.BadInputAsync<NeonResponseFormatException>(() => harness.GetAsync("/projects/p1"));

        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.OK), name);
        Assert.That(error.Message, Does.Contain(problem), name);
        Assert.That(error.Message, Does.Contain("testCall (GET /projects/p1)").And.Contain("answered 200"), name);
        Assert.That(error.BodySnippet?.Length ?? 0, Is.LessThanOrEqualTo(BoundedBody.SnippetLength), name);
        Assert.That(error.InnerException, Is.Null.Or.InstanceOf<JsonException>(), name);
    }

    [Test]
    public async Task A_JSON_document_labelled_text_plain_is_accepted()
    {
        using var harness = new SenderHarness();
        harness.Mock.When(SenderHarness.Url("/projects/p1")).Respond(HttpStatusCode.OK, "text/plain", "{\"project\":{\"id\":\"p1\"}}");

        var result = await harness.GetAsync("/projects/p1");

        Assert.That((string?)result["project"]!["id"], Is.EqualTo("p1"));
    }

    [Test]
    public async Task A_body_without_content_type_is_accepted_when_it_is_JSON()
    {
        using var harness = new SenderHarness();
        harness.Mock.When(SenderHarness.Url("/projects/p1")).Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"project\":{\"id\":\"p1\"}}")) });

        var result = await harness.GetAsync("/projects/p1");

        Assert.That((string?)result["project"]!["id"], Is.EqualTo("p1"));
    }

    [Test]
    public async Task A_huge_declared_body_is_refused_without_reading_it()
    {
        using var harness = new SenderHarness(configure: o => o.MaxResponseBytes = 1024 * 1024);
        var endless = new EndlessStream();
        harness.Mock.When(SenderHarness.Url("/projects")).Respond(_ =>
        {
            var content = new StreamContent(endless);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            content.Headers.ContentLength = 5L * 1024 * 1024 * 1024;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });

        var error = await FaultLedger.BadInputAsync<NeonResponseFormatException>(() => harness.GetAsync("/projects"));

        Assert.That(error.Message, Does.Contain("larger than the limit (NeonClientOptions.MaxResponseBytes)"));
        Assert.That(error.BodySnippet, Does.EndWith("(cut; 5368709120 bytes in all)"));
        Assert.That(endless.BytesRead, Is.LessThanOrEqualTo(BoundedBody.SnippetLength + 1));
    }

    [Test]
    public async Task An_endless_body_without_length_stops_at_the_bound_instead_of_hanging()
    {
        using var harness = new SenderHarness(configure: o => o.MaxResponseBytes = 256 * 1024);
        var endless = new EndlessStream();
        harness.Mock.When(SenderHarness.Url("/projects")).Respond(_ => Streamed(HttpStatusCode.OK, "application/json", endless));

        var error = await FaultLedger.BadInputAsync<NeonResponseFormatException>(() => harness.GetAsync("/projects"));

        Assert.That(error.Message, Does.Contain("larger than the limit (NeonClientOptions.MaxResponseBytes)"));
        Assert.That(endless.BytesRead, Is.LessThanOrEqualTo((256 * 1024) + (16 * 1024)));
        Assert.That(error.BodySnippet!.Length, Is.LessThanOrEqualTo(BoundedBody.SnippetLength));
    }

    [Test]
    public async Task A_huge_error_body_is_read_only_up_to_the_error_bound()
    {
        using var harness = new SenderHarness(configure: s => s.Retry.MaxRetries = 0);
        var endless = new EndlessStream();
        harness.Mock.When(SenderHarness.Url("/projects")).Respond(_ => Streamed(HttpStatusCode.BadGateway, "text/html", endless));

        var error = await FaultLedger.BadInputAsync<NeonException>(() => harness.GetAsync("/projects"));

        Assert.That(endless.BytesRead, Is.LessThanOrEqualTo(SendPipeline.ErrorBodyLimit + (16 * 1024)));
        Assert.That(error, Is.Not.InstanceOf<NeonResponseFormatException>(), "an error status keeps its own exception");
    }

    [Test]
    public async Task Invalid_utf8_is_decoded_leniently_and_judged_as_JSON()
    {
        using var harness = new SenderHarness();
        harness.Mock.When(SenderHarness.Url("/projects")).Respond(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new ByteArrayContent([0x7B, 0xFF, 0xFE, 0x7D]) { Headers = { { "Content-Type", "application/json" } } },
        });

        await FaultLedger.BadInputAsync<NeonResponseFormatException>(() => harness.GetAsync("/projects"));
    }

    [Test]
    public async Task Snippets_are_bounded_and_say_how_long_the_body_was()
    {
        using var harness = new SenderHarness();
        string big = "<html>" + new string('x', 100_000) + "</html>";
        harness.Mock.When(SenderHarness.Url("/projects")).Respond(HttpStatusCode.OK, "text/html", big);

        var error = await FaultLedger.BadInputAsync<NeonResponseFormatException>(() => harness.GetAsync("/projects"));

        Assert.That(error.BodySnippet, Does.StartWith("<html>xxx").And.EndWith($"(cut; {big.Length} bytes in all)"));
        Assert.That(error.BodySnippet!.Length, Is.LessThanOrEqualTo(BoundedBody.SnippetLength));
        Assert.That(error.Message.Length, Is.LessThan(1000), "the message names the problem; the snippet is a property");
    }

    [TestCase("{\"code\":\"X\",\"message\":\"m\"}", true)]
    [TestCase("{\"code\":\"X\",\"message\":\"m\",\"request_id\":\"r\"}", true)]
    [TestCase("{\"code\":\"X\",\"message\":\"m\",\"project\":{}}", false)]
    [TestCase("{\"code\":1,\"message\":\"m\"}", false)]
    [TestCase("[]", false)]
    public void The_error_body_detector_only_fires_on_the_GeneralError_shape(string json, bool expected) =>
        Assert.That(Neon.Api.Serialization.Reading.JsonDocumentReader.IsErrorShaped(new System.Buffers.ReadOnlySequence<byte>(System.Text.Encoding.UTF8.GetBytes(json))), Is.EqualTo(expected));

    // MockHttp's own stream overloads buffer the stream; a StreamContent hands it to the client as a server would.
    private static HttpResponseMessage Streamed(HttpStatusCode status, string mediaType, Stream body)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        return new HttpResponseMessage(status) { Content = content };
    }

    /// <summary>A body that never ends, counting what was read.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)'x', offset, count);
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
