// A request parameter the server refused (code bad_param), worded from its details; parameter names stay as the API spells them.
import { defineMessages } from './define.ts';

export default defineMessages(
  {
    'error.bad_param.missing': '{name} is required.',
    'error.bad_param.unknown': '{name} is not a parameter of this request.',
    'error.bad_param.repeated': '{name} may be given only once.',
    'error.bad_param.day': '{name} must be a date (YYYY-MM-DD) from {min} to {max}.',
    'error.bad_param.whole': '{name} must be a whole number from {min} to {max}.',
    'error.bad_param.number': '{name} must be a number from {min} to {max}.',
    'error.bad_param.choice': '{name} must be one of: {choices}.',
    'error.bad_param.length': '{name} may be at most {maxLength} characters long.',
    'error.bad_param.pattern': '{name} holds characters that are not allowed.',
    'error.bad_param.items': '{name} may hold at most {maxItems} items.',
    'error.bad_param.text': '{name} must be text.',
    'error.bad_param.flag': '{name} must be true or false.',
    'error.bad_param.list': '{name} must be a list.',
    'error.bad_param.object': '{name} must be an object.',
  },
  {
    'error.bad_param.missing': '缺少参数 {name}。',
    'error.bad_param.unknown': '此请求没有参数 {name}。',
    'error.bad_param.repeated': '参数 {name} 只能给出一次。',
    'error.bad_param.day': '参数 {name} 必须是 {min} 至 {max} 之间的日期（YYYY-MM-DD）。',
    'error.bad_param.whole': '参数 {name} 必须是 {min} 至 {max} 之间的整数。',
    'error.bad_param.number': '参数 {name} 必须是 {min} 至 {max} 之间的数字。',
    'error.bad_param.choice': '参数 {name} 必须是以下之一：{choices}。',
    'error.bad_param.length': '参数 {name} 最多 {maxLength} 个字符。',
    'error.bad_param.pattern': '参数 {name} 含有不允许的字符。',
    'error.bad_param.items': '参数 {name} 最多 {maxItems} 项。',
    'error.bad_param.text': '参数 {name} 必须是文本。',
    'error.bad_param.flag': '参数 {name} 必须是 true 或 false。',
    'error.bad_param.list': '参数 {name} 必须是列表。',
    'error.bad_param.object': '参数 {name} 必须是对象。',
  },
);
