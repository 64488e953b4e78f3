import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { inferImages, loadLesson } from '../src/plan/index.js'
import { composeImages, dockerfileImages, isComposeFile, isDockerfile } from '../src/plan/image-files.js'

/** Just the names, in order. */
const images = (...commands: string[]) => inferImages(commands).map((found) => found.image)

describe('inferImages: docker run, create, pull', () => {
  it('finds the image after the options of docker run', () => {
    expect(images('docker run -d --name db redis:alpine')).toEqual(['redis:alpine'])
    expect(images('docker run -it --rm busybox sh')).toEqual(['busybox'])
    expect(images('docker run alpine')).toEqual(['alpine'])
  })
  it('skips the values of flags, in both `--opt value` and `--opt=value` forms', () => {
    const command = [
      'docker run -d -p 80:80 --name web -e A=b -v /data:/data -w /srv --network lab --entrypoint sh -u 0',
      '--mount type=bind,source=/tmp,target=/tmp --restart always -h box --cpus 1 -m 64m --cap-add NET_ADMIN',
      '--pid host --label k=v --env-file vars.env --name=web2 --network=lab --restart=on-failure:3 nginx:1.25 nginx -g "daemon off;"',
    ].join(' ')
    expect(images(command)).toEqual(['nginx:1.25'])
  })
  it('knows the boolean flags, alone and in clusters', () => {
    expect(images('docker run -d -i -t --rm --privileged --init alpine top')).toEqual(['alpine'])
    expect(images('docker run -it ubuntu bash')).toEqual(['ubuntu'])
    expect(images('docker run -dit --name c1 debian:12')).toEqual(['debian:12'])
    expect(images('docker run --detach=true --rm=false -P centos')).toEqual(['centos'])
  })
  it('reads a value glued to a short flag or ending a cluster', () => {
    expect(images('docker run -dp 127.0.0.1:3000:3000 getting-started')).toEqual(['getting-started'])
    expect(images('docker run -p8080:80 -eX=1 httpd')).toEqual(['httpd'])
    expect(images('docker run -itv /x:/x fedora')).toEqual(['fedora'])
  })
  it('reads docker create, docker container run/create and docker pull / image pull', () => {
    expect(images('docker create --name c mysql:8', 'docker container run -d mongo', 'docker container create postgres:16')).toEqual(['mysql:8', 'mongo', 'postgres:16'])
    expect(images('docker pull nginx', 'docker image pull --platform linux/arm64 -q node:20', 'docker pull -a hello-world')).toEqual(['nginx', 'node:20', 'hello-world'])
  })
  it('stops at the image: the container command is not read', () => {
    expect(images('docker run --rm alpine docker run nested')).toEqual(['alpine'])
    expect(images('docker run --rm docker:dind sh -c "docker run x"')).toEqual(['docker:dind'])
    expect(images('docker run --rm alpine -- ls -l')).toEqual(['alpine'])
  })
  it('reads docker\'s own options before the subcommand', () => {
    expect(images('docker --context remote run -d redis', 'docker -H tcp://h:2375 pull busybox', 'docker --debug run alpine')).toEqual(['redis', 'busybox', 'alpine'])
  })
  it('reads multi-line commands, sudo, env, pipes and chains', () => {
    expect(images('docker run -d \\\n  --name web \\\n  -p 8080:80 \\\n  nginx:alpine')).toEqual(['nginx:alpine'])
    expect(images('sudo docker run -d redis', 'sudo -E docker pull busybox:1.36')).toEqual(['redis', 'busybox:1.36'])
    expect(images('docker pull a && docker run b', 'docker pull c; docker run -d d | tee log || docker run e')).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(images('CID=$(docker run -d nginx) && docker inspect $CID')).toEqual(['nginx'])
    expect(images('for i in 1 2; do docker run --rm alpine echo $i; done')).toEqual(['alpine'])
    expect(images('if ! docker pull mirror/x; then docker pull x; fi')).toEqual(['mirror/x', 'x'])
    expect(images('/usr/bin/docker run -d registry:2')).toEqual(['registry:2'])
  })
  it('reads quoted names without their quotes', () => {
    expect(images(`docker run "redis:7" && docker pull 'alpine:3.19'`)).toEqual(['redis:7', 'alpine:3.19'])
  })
  it('ignores other docker commands, and commands that are not docker', () => {
    expect(images('docker ps -a', 'docker images redis', 'docker rmi alpine', 'docker exec -it db redis-cli', 'echo docker run x', 'docker compose run web', 'docker buildx create --name b')).toEqual([])
    expect(images('docker run --help', 'docker pull')).toEqual([])
  })
  it('skips templated names', () => {
    expect(images('docker run -d $IMAGE', 'docker run "${REPO}/app:${TAG}"', 'docker pull <image>', 'docker run `cat name`', 'docker pull {{.Image}}', 'docker run "$(cat img)"')).toEqual([])
  })
  it('keeps first-seen order with no duplicates, whatever the spelling', () => {
    expect(images('docker pull redis', 'docker run busybox', 'docker run redis:latest', 'docker run docker.io/library/redis', 'docker pull busybox:latest', 'docker pull redis:7')).toEqual(['redis', 'busybox', 'redis:7'])
  })
  it('says which command named each image, and where in it', () => {
    const commands = ['ls', 'docker pull a && sudo docker run -d \\\n  --name x b:1']
    const found = inferImages(commands)
    expect(found.map((image) => image.from)).toEqual([
      { kind: 'command', index: 1, offset: 12 },
      { kind: 'command', index: 1, offset: commands[1]!.indexOf('b:1') },
    ])
  })
})

describe('inferImages: images the lesson makes', () => {
  it('excludes what docker build tags, and its runs', () => {
    expect(images('docker build -t myapp .', 'docker run -d -p 80:80 myapp', 'docker run myapp:latest')).toEqual([])
    expect(images('docker build --tag myapp:1 .', 'docker run myapp:1', 'docker run myapp:2')).toEqual(['myapp:2'])
    expect(images('docker build --tag=web -f web.Dockerfile .', 'docker image build -tapi ./api', 'docker buildx build --load -t cli .', 'docker run web && docker run api && docker run cli')).toEqual([])
  })
  it('excludes a build that comes later too: the lesson makes it either way', () => {
    expect(images('docker run myapp', 'docker build -t myapp .')).toEqual([])
  })
  it('needs the source of docker tag, not its target', () => {
    expect(images('docker pull nginx', 'docker tag nginx my/web:1', 'docker run my/web:1')).toEqual(['nginx'])
    expect(images('docker build -t base .', 'docker image tag base base:v2', 'docker run base:v2')).toEqual([])
  })
  it('excludes what docker commit makes', () => {
    expect(images('docker run --name c ubuntu touch /x', 'docker commit -m "x" c snapshot:1', 'docker run snapshot:1 ls')).toEqual(['ubuntu'])
  })
})

describe('inferImages: Dockerfiles and compose files the lesson writes', () => {
  it('reads FROM in a Dockerfile written with a heredoc', () => {
    const write = "cat > Dockerfile <<'EOF'\nFROM node:18 AS build\nRUN npm ci\nFROM build AS test\nFROM nginx:alpine\nCOPY --from=build /app /usr/share/nginx/html\nEOF"
    const found = inferImages(['mkdir app && cd app', write, 'docker build -t site .', 'docker run -d site'])
    expect(found.map((image) => image.image)).toEqual(['node:18', 'nginx:alpine'])
    expect(found[0]!.from).toEqual({ kind: 'written', index: 1, offset: write.indexOf('node:18'), file: 'Dockerfile' })
  })
  it('reads the other ways to write a file from a heredoc', () => {
    expect(images('cat <<EOF > app/Dockerfile\nFROM python:3.12-slim\nEOF')).toEqual(['python:3.12-slim'])
    expect(images('tee Containerfile <<EOF\nFROM fedora:40\nEOF')).toEqual(['fedora:40'])
    expect(images('cat <<EOF | sudo tee Dockerfile.dev\nFROM golang:1.22\nEOF')).toEqual(['golang:1.22'])
    expect(images('cat >> Dockerfile <<-EOF\n\tFROM rust:1\n\tEOF')).toEqual(['rust:1'])
  })
  it('reads a Dockerfile given to docker build on standard input', () => {
    const command = 'docker build -t tiny - <<EOF\nFROM busybox\nCMD ["echo", "hi"]\nEOF'
    expect(inferImages([command, 'docker run tiny'])).toEqual([{ image: 'busybox', from: { kind: 'written', index: 0, offset: command.indexOf('busybox'), file: '-' } }])
  })
  it('reads a one-line Dockerfile written with echo or printf', () => {
    expect(images("echo 'FROM alpine:3.20' > Dockerfile", "printf 'FROM debian\\nRUN true\\n' > other.Dockerfile")).toEqual(['alpine:3.20', 'debian'])
    const command = 'echo "FROM nginx" > Dockerfile'
    expect(inferImages([command])[0]!.from).toEqual({ kind: 'written', index: 0, offset: command.indexOf('nginx'), file: 'Dockerfile' })
  })
  it('reads nothing from files that are neither Dockerfiles nor compose files', () => {
    expect(images('cat > index.html <<EOF\n<html>FROM alpine</html>\nEOF', 'cat <<EOF\nFROM alpine\nEOF', 'cat > notes.txt <<EOF\nimage: redis\nEOF')).toEqual([])
  })
  it('reads image: lines of a compose file, not those compose builds', () => {
    const compose = 'cat > docker-compose.yml <<EOF\nservices:\n  web:\n    build: .\n    image: my/web\n  db:\n    image: "postgres:16"\n  cache:\n    image: redis:${TAG:-7}\nEOF'
    expect(images(compose, 'docker compose up -d', 'docker run my/web')).toEqual(['postgres:16'])
  })
  it('orders images from files among those of the commands, at the command that writes them', () => {
    expect(images('docker pull a', 'cat > Dockerfile <<EOF\nFROM b\nEOF', 'docker run c')).toEqual(['a', 'b', 'c'])
  })
})

describe('inferImages: files given separately', () => {
  it('reads them first, with the line and column of each image', () => {
    const files = [
      { path: 'assets/Dockerfile', text: '# syntax=docker/dockerfile:1\nARG BASE=alpine\nFROM ${BASE}\nFROM   python:3.12 as py\n' },
      { path: 'compose.yaml', text: 'services:\n  db:\n    image: mariadb:11\n' },
      { path: 'app/server.js', text: 'FROM not-a-dockerfile' },
    ]
    expect(inferImages(['docker run alpine', 'docker compose up'], files)).toEqual([
      { image: 'python:3.12', from: { kind: 'file', file: 'assets/Dockerfile', line: 4, column: 8 } },
      { image: 'mariadb:11', from: { kind: 'file', file: 'compose.yaml', line: 3, column: 12 } },
      { image: 'alpine', from: { kind: 'command', index: 0, offset: 11 } },
    ])
  })
  it('reads a shipped setup script as the commands it runs: the Dockerfile it writes, the images it runs', () => {
    const script = '#!/bin/bash\nmkdir -p /opt/ks\ncat > /root/Dockerfile <<EOF\nFROM alpine\nWORKDIR /app\nEOF\npodman run -d docker.io/library/registry:2\ndocker run -d --name web nginx:alpine\n'
    const noShebang = 'docker pull busybox\n'
    expect(inferImages([], [{ path: 'assets/init.sh', text: script }, { path: 'setup', text: noShebang }])).toEqual([
      { image: 'alpine', from: { kind: 'file', file: 'assets/init.sh', line: 4, column: 6 } },
      { image: 'nginx:alpine', from: { kind: 'file', file: 'assets/init.sh', line: 8, column: 26 } },
    ])
    expect(inferImages([], [{ path: 'tools/setup', text: '#!/usr/bin/env sh\ndocker pull busybox\n' }]).map((found) => found.image)).toEqual(['busybox'])
  })
  it('excludes images a given compose file builds', () => {
    expect(inferImages(['docker run app'], [{ path: 'compose.yml', text: 'services:\n  app:\n    build: ./app\n    image: app\n' }])).toEqual([])
  })
})

describe('dockerfileImages', () => {
  const names = (text: string) => dockerfileImages(text).map((found) => found.image)
  it('reads stages, platforms, scratch and ARG templates', () => {
    expect(names('FROM --platform=$BUILDPLATFORM golang:1.22 AS builder\nFROM scratch\nCOPY --from=builder /bin/app /app')).toEqual(['golang:1.22'])
    expect(names('FROM node:20 as deps\nfrom DEPS\nFROM ${BASE:-alpine}\nFROM $BASE')).toEqual(['node:20'])
  })
  it('reads COPY --from naming an image, not a stage or a stage number', () => {
    expect(names('FROM alpine AS a\nFROM debian\nCOPY --from=a /x /x\nCOPY --from=0 /y /y\nCOPY --from=nginx:alpine /etc/nginx/nginx.conf /n.conf')).toEqual(['alpine', 'debian', 'nginx:alpine'])
  })
  it('joins continued lines and skips comments', () => {
    const text = '# FROM commented\nFROM \\\n  ubuntu:24.04 \\\n  AS base\nRUN echo FROM x'
    expect(dockerfileImages(text)).toEqual([{ image: 'ubuntu:24.04', offset: text.indexOf('ubuntu') }])
  })
})

describe('composeImages', () => {
  it('reads services\' images, and nothing from text that is not a compose file', () => {
    const text = 'services:\n  a:\n    image: redis\n  b:\n    build: .\n    image: b:dev\n'
    expect(composeImages(text)).toEqual({ needs: [{ image: 'redis', offset: text.indexOf('redis') }], makes: ['b:dev'] })
    expect(composeImages('services: [')).toEqual({ needs: [], makes: [] })
    expect(composeImages('version: "3"\n')).toEqual({ needs: [], makes: [] })
  })
})

describe('file kinds', () => {
  it('knows Dockerfiles and compose files by name', () => {
    expect(['Dockerfile', 'app/Dockerfile.dev', 'web.Dockerfile', 'Containerfile', 'dockerfile'].map(isDockerfile)).toEqual([true, true, true, true, true])
    expect(['Dockerfile-notes.md', 'docker.txt', 'MyDockerfile'].map(isDockerfile)).toEqual([false, false, false])
    expect(['compose.yaml', 'docker-compose.yml', 'x/docker-compose.prod.yaml', 'compose.override.yml'].map(isComposeFile)).toEqual([true, true, true, true])
    expect(['composer.yml', 'compose.json', 'my-compose.yml'].map(isComposeFile)).toEqual([false, false, false])
  })
})

describe('a lesson that names its images, or not', () => {
  const lessonWith = async (yaml: string) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'shellbook-images-'))
    await mkdir(path.join(dir, 'l'))
    await writeFile(path.join(dir, 'l', 'lesson.yaml'), yaml)
    await writeFile(path.join(dir, 'l', 'en.md'), '# Images\n\n`docker run -d redis:alpine`{{execute}}\n')
    try {
      return await loadLesson(dir, 'l')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
  it('infers them from the commands when lesson.yaml has no `images` key', async () => {
    const lesson = await lessonWith('title: {en: Images}\n')
    expect([lesson.config?.images, lesson.imagesInferred]).toEqual([['redis:alpine'], true])
  })
  it('keeps the list lesson.yaml gives, in any YAML style, even an empty one', async () => {
    for (const yaml of ['images: [busybox]\n', '{"images": [busybox], "title": {en: Images}}\n', 'images:\n  - busybox\n']) {
      const lesson = await lessonWith(yaml)
      expect([lesson.config?.images, lesson.imagesInferred], yaml).toEqual([['busybox'], undefined])
    }
    expect((await lessonWith('images: []\n')).config?.images).toEqual([])
  })
})
