namespace Neon.Api.SpecUpdate.Tests;

/// <summary>Two small hand-written specs whose differences cover every category the report names.</summary>
internal static class TestSpecs
{
    /// <summary>The spec before the update.</summary>
    public const string Before = """
        openapi: 3.0.3
        info: { title: Test, version: v2 }
        paths:
          /projects:
            get:
              operationId: listProjects
              tags: [Project]
              parameters:
                - $ref: '#/components/parameters/Limit'
                - { name: search, in: query, schema: { type: string } }
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/ProjectsResponse' }
            post:
              operationId: createProject
              tags: [Project]
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [project]
                      properties:
                        project:
                          allOf:
                            - $ref: '#/components/schemas/ProjectSettings'
                            - type: object
                              properties:
                                region_id: { type: string }
              responses:
                '201':
                  $ref: '#/components/responses/ProjectResponse'
          /projects/{project_id}:
            parameters:
              - { name: project_id, in: path, required: true, schema: { type: string } }
            delete:
              operationId: deleteProject
              tags: [Project]
              responses:
                '204': { description: gone }
          /auth:
            get:
              operationId: getAuth
              tags: [Auth]
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema:
                        oneOf:
                          - { $ref: '#/components/schemas/EmailAuth' }
                          - { $ref: '#/components/schemas/OAuth' }
          /legacy:
            get:
              operationId: getLegacy
              tags: [Legacy]
              responses:
                '200': { description: ok }
        components:
          parameters:
            Limit: { name: limit, in: query, schema: { type: integer, format: int32 } }
          responses:
            ProjectResponse:
              description: created
              content:
                application/json:
                  schema: { $ref: '#/components/schemas/Project' }
          schemas:
            ProjectSettings:
              type: object
              properties:
                name: { type: string }
            Project:
              type: object
              required: [id]
              properties:
                id: { type: string }
                name: { type: string }
                created_at: { type: string, format: date-time }
                labels: { type: object, additionalProperties: { type: string } }
                quota: { $ref: '#/components/schemas/Quota' }
                children: { type: array, items: { $ref: '#/components/schemas/Project' } }
            Quota:
              type: object
              properties:
                active_time: { type: integer, format: int64 }
            ProjectsResponse:
              type: object
              properties:
                projects: { type: array, items: { $ref: '#/components/schemas/Project' } }
            EmailAuth:
              type: object
              properties:
                kind: { type: string }
                email: { type: string }
            OAuth:
              type: object
              properties:
                kind: { type: integer }
                client_id: { type: string }
        """;

    /// <summary>
    /// The spec after: <c>getLegacy</c> removed, <c>listBranches</c> added, <c>getAuth</c> deprecated and moved to
    /// "Auth (legacy)"; <c>listProjects</c> has <c>limit</c> retyped, <c>search</c> removed, a new required
    /// <c>org_id</c>, <c>name</c> removed, <c>quota.active_time</c> retyped and <c>owner</c> added;
    /// <c>createProject</c> has <c>pg_version</c> added and <c>region_id</c> now required.
    /// </summary>
    public const string After = """
        openapi: 3.0.3
        info: { title: Test, version: v2 }
        paths:
          /projects:
            get:
              operationId: listProjects
              tags: [Project]
              parameters:
                - $ref: '#/components/parameters/Limit'
                - { name: org_id, in: query, required: true, schema: { type: string } }
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/ProjectsResponse' }
            post:
              operationId: createProject
              tags: [Project]
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [project]
                      properties:
                        project:
                          allOf:
                            - $ref: '#/components/schemas/ProjectSettings'
                            - type: object
                              required: [region_id]
                              properties:
                                region_id: { type: string }
                                pg_version: { type: integer }
              responses:
                '201':
                  $ref: '#/components/responses/ProjectResponse'
          /projects/{project_id}:
            parameters:
              - { name: project_id, in: path, required: true, schema: { type: string } }
            delete:
              operationId: deleteProject
              tags: [Project]
              responses:
                '204': { description: gone }
          /auth:
            get:
              operationId: getAuth
              tags: [Auth (legacy)]
              deprecated: true
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema:
                        oneOf:
                          - { $ref: '#/components/schemas/EmailAuth' }
                          - { $ref: '#/components/schemas/OAuth' }
          /branches:
            get:
              operationId: listBranches
              tags: [Branch]
              responses:
                '200': { description: ok }
        components:
          parameters:
            Limit: { name: limit, in: query, schema: { type: integer, format: int64 } }
          responses:
            ProjectResponse:
              description: created
              content:
                application/json:
                  schema: { $ref: '#/components/schemas/Project' }
          schemas:
            ProjectSettings:
              type: object
              properties:
                name: { type: string }
            Project:
              type: object
              required: [id]
              properties:
                id: { type: string }
                owner: { type: object, properties: { email: { type: string } } }
                created_at: { type: string, format: date-time }
                labels: { type: object, additionalProperties: { type: string } }
                quota: { $ref: '#/components/schemas/Quota' }
                children: { type: array, items: { $ref: '#/components/schemas/Project' } }
            Quota:
              type: object
              properties:
                active_time: { type: number }
            ProjectsResponse:
              type: object
              properties:
                projects: { type: array, items: { $ref: '#/components/schemas/Project' } }
            EmailAuth:
              type: object
              properties:
                kind: { type: string }
                email: { type: string }
            OAuth:
              type: object
              properties:
                kind: { type: integer }
                client_id: { type: string }
        """;
}
