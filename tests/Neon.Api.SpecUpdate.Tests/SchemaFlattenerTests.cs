using Neon.Api.SpecUpdate.Specs;
using NUnit.Framework;

namespace Neon.Api.SpecUpdate.Tests;

/// <summary>How schemas become one entry per JSON path.</summary>
public class SchemaFlattenerTests
{
    private static OperationShape Operation(string id) => SpecModel.Parse(TestSpecs.Before).Operations[id];

    [Test]
    public void Path_level_parameters_apply_to_the_operation()
    {
        Assert.That(Operation("deleteProject").Fields["parameter path project_id"], Is.EqualTo(new FieldShape("string", true)));
    }

    [Test]
    public void A_response_without_content_is_recorded_as_no_body()
    {
        Assert.That(Operation("deleteProject").Fields["response 204 $"].Type, Is.EqualTo(SpecModel.NoBody));
    }

    [Test]
    public void OneOf_alternatives_merge_their_fields_and_differing_types()
    {
        var fields = Operation("getAuth").Fields;

        Assert.Multiple(() =>
        {
            Assert.That(fields["response 200 $.kind"].Type, Is.EqualTo("integer | string"));
            Assert.That(fields, Does.ContainKey("response 200 $.email"));
            Assert.That(fields, Does.ContainKey("response 200 $.client_id"));
            Assert.That(fields["response 200 $"].Type, Is.EqualTo("object"));
        });
    }

    [Test]
    public void AllOf_parts_merge_and_required_lists_apply_to_their_own_properties()
    {
        var fields = Operation("createProject").Fields;

        Assert.Multiple(() =>
        {
            Assert.That(fields["request $"], Is.EqualTo(new FieldShape("object", true)));
            Assert.That(fields["request $.project"], Is.EqualTo(new FieldShape("object", true)));
            Assert.That(fields["request $.project.name"], Is.EqualTo(new FieldShape("string", false)));
            Assert.That(fields["request $.project.region_id"], Is.EqualTo(new FieldShape("string", false)));
            Assert.That(fields["response 201 $.id"], Is.EqualTo(new FieldShape("string", true)));
        });
    }

    [Test]
    public void Maps_arrays_formats_and_recursive_schemas_are_walked_once()
    {
        var fields = Operation("listProjects").Fields;

        Assert.Multiple(() =>
        {
            Assert.That(fields["response 200 $.projects"].Type, Is.EqualTo("array"));
            Assert.That(fields["response 200 $.projects[*].labels.*"].Type, Is.EqualTo("string"));
            Assert.That(fields["response 200 $.projects[*].created_at"].Type, Is.EqualTo("string(date-time)"));
            Assert.That(fields["response 200 $.projects[*].children[*]"].Type, Is.EqualTo("object"), "Project inside Project stops there");
            Assert.That(fields, Does.Not.ContainKey("response 200 $.projects[*].children[*].id"));
        });
    }

    [Test]
    public void Nullable_and_openapi_3_1_null_types_read_as_or_null()
    {
        const string spec = """
            openapi: 3.1.0
            paths:
              /x:
                get:
                  operationId: getX
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema:
                            type: object
                            properties:
                              a: { type: string, nullable: true }
                              b: { type: [integer, 'null'] }
                              c: { allOf: [{ $ref: '#/components/schemas/C' }], nullable: true }
            components:
              schemas:
                C: { type: object, properties: { d: { type: boolean } } }
            """;
        var fields = SpecModel.Parse(spec).Operations["getX"].Fields;

        Assert.Multiple(() =>
        {
            Assert.That(fields["response 200 $.a"].Type, Is.EqualTo("string | null"));
            Assert.That(fields["response 200 $.b"].Type, Is.EqualTo("integer | null"));
            Assert.That(fields["response 200 $.c"].Type, Is.EqualTo("object | null"));
            Assert.That(fields["response 200 $.c.d"].Type, Is.EqualTo("boolean"));
        });
    }
}
