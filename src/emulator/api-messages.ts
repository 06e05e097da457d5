import type { IncomingHttpHeaders } from 'node:http';
import { ErrorCode } from './api-error.js';

type Code = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * The API's Chinese message for each code the emulator serves, worded as the TencentCloud API 3.0
 * error-code reference words them; sent when the request says `X-TC-Language: zh-CN` (the SDK's
 * `profile.language`). The specific detail (which parameter, which registry) follows in brackets as
 * the emulator wrote it, so nothing a user needs to fix the call is lost.
 */
const ZH_CN: Readonly<Record<Code, string>> = {
  'AuthFailure.InvalidAuthorization': '请求头部的 Authorization 不符合腾讯云标准。',
  'AuthFailure.SecretIdNotFound': '密钥不存在。请在控制台检查密钥是否已被删除或者禁用，如状态正常，请检查密钥是否填写正确，注意前后不得有空格。',
  'AuthFailure.SignatureExpire': '签名过期。Timestamp 和服务器时间相差不得超过五分钟，请检查本地时间是否和标准时间同步。',
  'AuthFailure.SignatureFailure': '签名错误。签名计算错误，请对照调用方式中的签名方法文档检查签名计算过程。',
  'AuthFailure.TokenFailure': 'token 错误。',
  InvalidAction: '接口不存在。',
  NoSuchVersion: '接口版本不存在。',
  MissingParameter: '缺少参数错误。',
  InvalidParameter: '参数错误（包括参数格式、类型等错误）。',
  InvalidParameterValue: '参数取值错误。',
  UnknownParameter: '未知参数错误，用户多传未定义的参数会导致错误。',
  UnsupportedRegion: '接口不支持所传地域。',
  UnsupportedProtocol: 'HTTP(S) 请求协议错误，只支持 GET 和 POST 请求。',
  RequestSizeLimitExceeded: '请求包超过限制大小。',
  RequestLimitExceeded: '请求的次数超过了频率限制。',
  ResourceNotFound: '资源不存在。',
  ResourceInUse: '资源被占用。',
  'InvalidParameter.ErrorTcrInvalidParameter': '参数错误：TCR 请求参数无效。',
  UnsupportedOperation: '操作不支持。',
  UnauthorizedOperation: '未授权操作。',
  'AuthFailure.UnauthorizedOperation': '请求未授权。请参考 CAM 文档对鉴权的说明。',
  'InvalidParameterValue.DuplicatedKeyId': '参数取值错误：存在重复的密钥 ID。',
  'ResourceUnavailable.CmkNotFound': '资源不可用：CMK 不存在。',
  InternalError: '内部错误。',
  'InternalError.GetRoleError': '获取角色失败。',
};

/** The message in the language the request asked for: Chinese for `zh-CN`, the emulator's English otherwise. */
export function messageFor(code: string, english: string, headers: IncomingHttpHeaders): string {
  const asked = headers['x-tc-language'];
  const zh = asked === 'zh-CN' ? ZH_CN[code as Code] : undefined;
  return zh === undefined ? english : `${zh}（${english}）`;
}
