import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LAB_DATA, POOL_SIZE } from './data';
import { OrmData } from './data-orm';
import { RawData } from './data-raw';
import { Account, Customer, Fortune, Invoice, World } from './entities';
import { LabController } from './lab.controller';
import { RoomGateway } from './room.gateway';

const entities = [World, Fortune, Account, Customer, Invoice];
const raw = process.env.DATA_ACCESS === 'raw';

@Module({
  imports: raw
    ? []
    : [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: process.env.DATABASE_URL,
          entities,
          synchronize: false,
          logging: false,
          extra: { max: POOL_SIZE },
        }),
        TypeOrmModule.forFeature(entities),
      ],
  controllers: [LabController],
  providers: [RoomGateway, { provide: LAB_DATA, useClass: raw ? RawData : OrmData }],
})
export class AppModule {}
