// Start the gateway first: npm start   (it listens on http://127.0.0.1:8700 and prints this question)
import OpenAI from 'openai';

const client = new OpenAI({ baseURL: process.env.HOTPATH_URL ?? 'http://127.0.0.1:8700/v1', apiKey: 'unused-on-loopback' });

const stream = await client.chat.completions.create({
  model: 'hotpath', // the gateway's agent; any configured model name is proxied, "auto" is routed
  user: 'u0090',
  stream: true,
  messages: [{ role: 'user', content: 'Any news on INC-2571?' }],
});
for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta?.content ?? '');
process.stdout.write('\n');
