import type { HelpMirror } from './messages.js';

/**
 * 命令表（src/cli/command-specs.ts）帮助文字的简体中文版。Flag names, placeholders (FILE, {region}),
 * commands and environment variables stay as written; test/i18n-catalogue.test.ts checks every command
 * and flag has its line here and that they keep the same `--flags`, `$VARS` and `{fields}`.
 */
export const zhCNHelp: HelpMirror = {
  options: {
    region: '没有 Region 值的行所用的地域（默认：$TENCENTCLOUD_REGION，其次是 tccli 配置）',
    endpoint: 'API 接入点（默认 https://tcr.tencentcloudapi.com；模拟器为 http://127.0.0.1:PORT）；其中的 {region} 为每行的地域；REGION=URL 只用于一个地域，可重复',
    redis: '与此 Redis 上的其他所有运行共享频率预算（默认 $TCR_SIGPOLICY_REDIS_URL）',
    profile: '凭证和地域取自 tccli 的 ~/.tccli/NAME.credential 和 NAME.configure（包括其中的 role-arn）',
    'role-arn': '没有 RoleArn 的行经此 CAM 角色（STS AssumeRole）访问另一个账号（默认 $TENCENTCLOUD_ROLE_ARN）；见 docs/accounts.md',
    'role-session-name': 'AssumeRole 记录的角色会话名（默认 tcr-sigpolicy；$TENCENTCLOUD_ROLE_SESSION_NAME）',
    'use-cvm-role': '基础凭证取自本台 CVM 绑定的 CAM 角色（其元数据服务）',
    'dry-run': '校验并显示将要发送的内容；不发送任何请求，也不需要凭证',
    yes: '不再询问确认（不在终端上进行实际运行时必须指定）',
    out: '导出结果；格式取决于扩展名：.csv、.json、.jsonl（没有 --force 时绝不覆盖已有文件）',
    force: '允许 --out 覆盖已有文件；接受来自其他输入的 --resume 文件',
    rate: '每秒请求数，1-20（默认 20）',
    concurrency: '同时在途的请求上限（默认：足以维持 --rate）',
    'max-attempts': '可重试失败时每行的尝试次数（默认 5）',
    resume: '之前运行的结果或日志文件：其中已创建或已跳过的行不会再发送，结果未知的行会先核对',
    'skip-invalid': '发送有效的行并将无效行报告为 invalid，而不是拒绝整个文件',
    'no-preflight': '发送前不检查实例、命名空间和 KMS 密钥（只读调用）；不加此项时，无法完成检查（凭证被拒、无应答）的 --dry-run 以退出码 1 结束；见 docs/plan.md',
    json: '在标准输出上每个事件输出一个 JSON 对象',
    'no-tui': '即使在终端上也只输出纯文本行',
    quiet: '只输出需要处理的内容（被拦下、失败、未发送的行）和汇总；不显示进度，也不为每个已创建的行输出一行',
    lang: '消息语言：en 或 zh-CN（默认取自 LC_ALL、LC_MESSAGES、LANG；zh_CN.UTF-8 即 zh-CN）',
    verbose: '在标准错误上输出每个 API 请求：接口、地域、接入点、耗时、RequestId、结果；绝不输出密钥（$TCR_SIGPOLICY_DEBUG=1）',
  },
  commands: {
    create: {
      summary: '创建一个签名策略（在终端上会询问缺少的内容）',
      options: {
        'registry-id': 'TCR 实例 ID，例如 tcr-f7g1ir99',
        namespace: '要签名的命名空间',
        name: '策略名称',
        'kms-id': 'KMS 密钥 ID（已启用的 ASYMMETRIC_SIGN_VERIFY_RSA_2048 密钥）',
        'kms-region': 'KMS 密钥所在地域（为空：与实例同地域）',
        domain: '签名所用的自定义域名（默认：实例域名）',
        disabled: '以停用状态创建策略（发送 Disabled: true；之后可在控制台启用）',
      },
    },
    batch: {
      summary: '从 CSV 文件批量创建策略',
      description:
        'FILE 是每个命名空间一行的 CSV（见 `tcr-sigpolicy template`）；- 表示读取标准输入。\n发送任何请求之前会先检查每一行；有凭证时，预检还会读取实例、\n命名空间和 KMS 密钥，只发送能够成功的行（docs/plan.md）。',
    },
    discover: {
      summary: '根据实例的命名空间生成批量 CSV（只读）',
      description:
        '列出实例的命名空间（DescribeNamespaces 的每一页），每个命名空间写一行，\n' +
        '填好 Region，名称取自 --name，每行都像批量输入一样校验。检查后再运行 batch。见 docs/plan.md。\n' +
        '使用 --all-registries：生成一个 CSV，涵盖凭证可见的所有 Running 实例（所有地域）（docs/status.md）。',
      options: {
        'registry-id': '要列出其命名空间的 TCR 实例，例如 tcr-f7g1ir99（与 --all-registries 同用：只取这些，逗号分隔）',
        'all-registries': '凭证可见的所有实例，覆盖所有地域（可用 --region、--registry-id 缩小范围）',
        region: '实例所在地域（默认：$TENCENTCLOUD_REGION，其次是 tccli 配置；与 --all-registries 同用：只取该地域）',
        match: "只保留名称匹配此 glob 的命名空间，例如 'team-*' 或 '{payments,checkout}'",
        exclude: '排除名称匹配此 glob 的命名空间',
        'unsigned-only': '排除已有签名策略的命名空间',
        'kms-id': '每一行所用的 KMS 密钥（已启用的 ASYMMETRIC_SIGN_VERIFY_RSA_2048 密钥）',
        'kms-region': "KMS 密钥所在地域（'' 表示 KmsRegion 留空：与实例同地域）",
        name: '策略名称；会填入 {namespace}、{registry} 和 {region}（默认 {namespace}-signing）',
        domain: '每一行的自定义签名域名（默认：无）',
        out: '把 CSV 写入 FILE，而不是标准输出（没有 --force 时绝不替换已有文件）',
        force: '允许 --out 替换已有文件',
        json: '在标准输出上每行输出一个 JSON 对象（以 CSV 的列名为键），而不是 CSV',
        'role-arn': '同时覆盖此 CAM 角色所能访问的账号（可重复；基础凭证所在账号总会覆盖）；见 docs/accounts.md',
      },
    },
    status: {
      summary: '凭证可见的每个实例的签名覆盖情况（只读）',
      description:
        '列出每个实例（DescribeInstances，除非指定 --region 否则覆盖所有地域），并读取每个实例\n' +
        '命名空间的每一页（带与不带 KmsSignPolicy）：命名空间数、已签名、未签名、覆盖率及合计。\n' +
        '不做任何修改。有实例无法读取时退出码为 1（其他实例照常显示）。见 docs/status.md。',
      options: {
        region: '只看该地域的实例（默认：所有地域）',
        'registry-id': '只看这些实例，逗号分隔，例如 tcr-f7g1ir99,tcr-ab12cd34',
        json: '在标准输出上每个实例输出一个 JSON 对象，而不是表格',
        out: '同时把数据写入 FILE：.csv 或 .json',
        force: '允许 --out 覆盖已有文件',
        images: '逐个镜像：每个命名空间的仓库、镜像、已签名和未签名数（读取每个版本；见 docs/images.md）',
        'role-arn': '同时覆盖此 CAM 角色所能访问的账号（可重复；基础凭证所在账号总会覆盖）；见 docs/accounts.md',
      },
    },
    'sign-images': {
      summary: '为命名空间中已有的镜像签名（每个未签名的版本调用一次 CreateSignature）',
      description:
        '签名策略只为其创建之后推送的镜像签名；已有的版本仍未签名。本命令列出范围内的每个仓库和版本\n' +
        '（DescribeRepositories、DescribeImages），为每个版本制定计划（签名：未签名；跳过：已签名；受阻：其命名空间\n' +
        '没有签名策略，或该地域不提供 CreateSignature），并经过与 batch 相同的队列、限制、日志和界面为未签名的版本签名。\n' +
        '签名无法删除。见 docs/images.md。',
      options: {
        'registry-id': '只处理这些实例，逗号分隔，例如 tcr-f7g1ir99,tcr-ab12cd34',
        'all-registries': '凭证可见的每个实例，覆盖所有地域（可用 --region 缩小范围）',
        region: '只处理该地域的实例（默认：所有地域）',
        namespace: '只处理这些命名空间，逗号分隔',
        repository: "只处理命名空间内名称匹配的仓库，例如 'images/*'",
        tag: "只处理匹配的版本，例如 'v1.*'",
        from: '某次 batch 的结果或日志：为其创建或跳过的命名空间中的镜像签名',
        'dry-run': '列出并规划每个版本，显示将要发送的内容；不发送 CreateSignature（列出需要凭证）',
        resume: '之前以相同范围运行 sign-images 的日志或结果文件：其中已签名的版本直接沿用，结果未知的版本在发送前先读取（KmsSignature）',
        'role-arn': '同时覆盖此 CAM 角色所能访问的账号（可重复；基础凭证所在账号总会覆盖）；见 docs/accounts.md',
      },
    },
    rollback: {
      summary: '根据结果文件删除某次批量创建的策略',
      description:
        'RESULTS_FILE 是某次批量运行的结果导出（.csv、.json、.jsonl）或日志；可以给多个。只删除记录为\n' +
        'created 的行（DeleteSignaturePolicy），经过同样的队列和限制；每行最终为 deleted、\n' +
        'skipped（已没有可删除的策略）、failed 或 not-sent。见 docs/plan.md。',
      options: {
        'dry-run': '显示将要删除的内容；不发送任何请求，也不需要凭证',
        out: '导出回滚结果；格式取决于扩展名：.csv、.json、.jsonl',
        force: '允许 --out 覆盖已有文件',
      },
    },
    template: { summary: '打印 CSV 模板（表头和一行示例）' },
    emulator: {
      summary: '在本机回环地址上运行 TCR API 模拟器',
      description:
        '提供本工具调用的 TCR 和 KMS 接口（腾讯云 API 3.0、TC3-HMAC-SHA256 签名、文档所述的\n' +
        '频率限制和错误码），直到 Ctrl-C（退出码 130）或 SIGTERM（退出码 0）。标准输出的第一行是\n' +
        '它的接入点；随后是演示密钥对的 export 行和一条可粘贴的命令。TENCENTCLOUD_SECRET_ID/\n' +
        'TENCENTCLOUD_SECRET_KEY 都设置时接受该密钥对，否则接受演示密钥对。其状态（只读）：\n' +
        '同一端口的 GET /_emulator/state。见 docs/emulator.md。',
      options: {
        port: 'TCP 端口，0 表示任一空闲端口（默认 9500）',
        host: '绑定的地址（默认 127.0.0.1）',
        seed: '以 JSON 给出的初始状态（默认：自带的 fixtures/emulator-seed.json）',
        'latency-ms': '每个注入故障的请求增加 N 毫秒（默认 0）',
        'effect-on-arrival': '注入故障的写请求在到达时即改变状态，然后才延迟（默认：应答时改变）',
        'jitter-ms': '再随机增加至多 N 毫秒（默认 0）',
        'throttle-rate': '以此比例返回 RequestLimitExceeded，0-1（默认 0）',
        'error-rate': '以此比例返回 HTTP 503（变更前）或 502（变更后），0-1（默认 0）',
        'drop-rate': '以此比例不作回答直接断开，变更前后各一半，0-1',
        'fault-seed': '故障序列的种子，用于完全重复的运行（默认：随机）',
        'fault-actions': '故障作用的接口，逗号分隔（默认：各写接口）',
        'rate-limit-all': '所有接口（包括读接口）限制为每个 SecretId 每秒 N 个请求',
        'offset-pages': 'DescribeNamespaces 按页计算 Offset，如其 API 文档所述（默认：按条）',
        'bare-repository-names': 'DescribeRepositories 返回的仓库名不带命名空间（busybox，而非 library/busybox）',
        'pages-from-zero': 'DescribeRepositories 与 DescribeImages 的页码从 0 开始（默认：从 1 开始）',
        quiet: '标准错误上不输出每个请求的日志行',
      },
    },
    demo: { summary: '用内置模拟器演练一次批量运行（无需凭证，不联网）' },
    completion: {
      summary: '打印 bash、zsh 或 fish 的 shell 补全脚本',
      description:
        '由本命令表生成：每个命令和参数，需要文件处补全文件名。\n' +
        'bash：在 ~/.bashrc 中 source <(tcr-sigpolicy completion bash)；zsh：同样写入 ~/.zshrc，放在 compinit 之后；\n' +
        'fish：tcr-sigpolicy completion fish > ~/.config/fish/completions/tcr-sigpolicy.fish',
    },
  },
  emulatorNote: '--endpoint http://127.0.0.1:9500 即 `tcr-sigpolicy emulator`（粘贴它打印的 export 行）；\n去掉它则作用于您的账号。',
};
