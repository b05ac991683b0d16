import { Body, Container, Head, Heading, Html, Link, Preview, Section, Text } from '@react-email/components';
import type { CSSProperties } from 'react';
import type { Tone } from '../trends/change';
import { ARROWS } from '../trends/change-view';
import type { DigestModel } from './model';

/**
 * The digest's HTML: tables and inline styles only (what mail clients render), no remote images,
 * no tracking. Colours by meaning as on the page: green good news, red bad, grey neutral, each
 * with an arrow and words so colour is never the only signal.
 */
const TONE_COLOUR: Record<Tone, string> = { good: '#047857', bad: '#b91c1c', neutral: '#5b6474' };
const text: CSSProperties = { color: '#111827', fontFamily: 'Arial, Helvetica, sans-serif', fontSize: '14px', lineHeight: '20px' };
const muted: CSSProperties = { ...text, color: '#5b6474', fontSize: '13px' };
const cell: CSSProperties = { ...text, padding: '6px 8px', borderBottom: '1px solid #e5e7eb', textAlign: 'left' };
const numberCell: CSSProperties = { ...cell, textAlign: 'right', whiteSpace: 'nowrap' };
const headCell: CSSProperties = { ...cell, color: '#5b6474', fontSize: '12px', fontWeight: 'bold' };

function Change({ change }: { change: DigestModel['figures'][number]['change'] }) {
  return (
    <>
      {change.shown ? (
        <span style={{ color: TONE_COLOUR[change.tone], fontWeight: 'bold' }}>
          {ARROWS[change.direction]} {change.shown}
        </span>
      ) : null}{' '}
      <span style={{ color: '#5b6474' }}>{change.from}</span>
    </>
  );
}

export function DigestEmail({ model }: { model: DigestModel }) {
  return (
    <Html lang={model.locale}>
      <Head />
      <Preview>{model.preview}</Preview>
      <Body style={{ backgroundColor: '#ffffff', margin: 0, padding: '16px' }}>
        <Container style={{ maxWidth: '600px' }}>
          <Heading as="h1" style={{ ...text, fontSize: '20px', lineHeight: '28px', margin: '0 0 4px' }}>
            {model.heading}
          </Heading>
          <Text style={{ ...muted, margin: '0 0 16px' }}>{model.period}</Text>
          <Section>
            <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ borderCollapse: 'collapse' }}>
              <thead>
                <tr>
                  <th style={headCell}>{model.labels.figure}</th>
                  <th style={{ ...headCell, textAlign: 'right' }}>{model.labels.value}</th>
                  <th style={headCell}>{model.labels.change}</th>
                </tr>
              </thead>
              <tbody>
                {model.figures.map((figure) => (
                  <tr key={figure.key}>
                    <td style={cell}>{figure.label}</td>
                    <td style={{ ...numberCell, fontWeight: 'bold' }}>{figure.value}</td>
                    <td style={cell}>
                      <Change change={figure.change} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
          <Text style={{ ...muted, margin: '8px 0 20px' }}>{model.compared}</Text>
          <Heading as="h2" style={{ ...text, fontSize: '16px', margin: '0 0 8px' }}>
            {model.labels.topSources}
          </Heading>
          {model.sources.length === 0 ? (
            <Text style={text}>{model.labels.noSources}</Text>
          ) : (
            <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ borderCollapse: 'collapse' }}>
              <thead>
                <tr>
                  <th style={headCell}>{model.labels.source}</th>
                  <th style={{ ...headCell, textAlign: 'right' }}>{model.labels.count}</th>
                  <th style={headCell}>{model.labels.change}</th>
                </tr>
              </thead>
              <tbody>
                {model.sources.map((source, index) => (
                  <tr key={index}>
                    <td style={cell}>{source.name}</td>
                    <td style={numberCell}>{source.count}</td>
                    <td style={cell}>
                      <Change change={source.change} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Text style={{ ...text, margin: '20px 0' }}>
            <Link href={model.dashboard.url} style={{ color: '#1d4ed8', textDecoration: 'underline' }}>
              {model.dashboard.label}
            </Link>
          </Text>
          <Text style={muted}>
            {model.footer}{' '}
            <Link href={model.unsubscribe.url} style={{ color: '#5b6474', textDecoration: 'underline' }}>
              {model.unsubscribe.label}
            </Link>
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
